/** `--backend auto|tensorflow|wasm|cpu`: the tfjs backend a command computes on. */
import type { OptionSpec, OptionValues } from './args.js';
import { stringOption } from './args.js';
import { UsageError } from './errors.js';

export const BACKEND_OPTION: OptionSpec = { name: 'backend', type: 'string', value: 'NAME', description: 'tfjs backend: auto (default), tensorflow, wasm or cpu' };

/** Select the backend named by `--backend` (or the VMODEL_BACKEND environment variable, else auto). */
export async function useBackend(values: OptionValues, command: string): Promise<{ name: string; simd?: boolean }> {
  const { parseBackendName, selectBackend } = await import('../runtime/backend.js');
  const text = stringOption(values, 'backend') ?? process.env.VMODEL_BACKEND ?? 'auto';
  let preference;
  try {
    preference = parseBackendName(text);
  } catch (e) {
    throw new UsageError(`--backend: ${(e as Error).message}`, command);
  }
  const info = await selectBackend(preference);
  return { name: info.name, ...(info.simd !== undefined ? { simd: info.simd } : {}) };
}
