/** `--backend auto|tensorflow|wasm|cpu` and `--threads N`: where a command computes. */
import type { OptionSpec, OptionValues } from './args.js';
import { stringOption } from './args.js';
import { UsageError } from './errors.js';

export const BACKEND_OPTION: OptionSpec = { name: 'backend', type: 'string', value: 'NAME', description: 'tfjs backend: auto (default), tensorflow, wasm or cpu' };
export const THREADS_OPTION: OptionSpec = { name: 'threads', type: 'string', value: 'N', description: 'WASM backend threads, 1 to 8 (default 1; see docs/performance.md)' };

/**
 * Select the backend named by `--backend` (or the VMODEL_BACKEND environment variable, else auto)
 * with the WASM thread count of `--threads` (or VMODEL_THREADS, else 1).
 */
export async function useBackend(values: OptionValues, command: string): Promise<{ name: string; simd?: boolean; threads?: number }> {
  const { parseBackendName, parseThreads, selectBackend } = await import('../runtime/backend.js');
  const parse = <T>(flag: string, f: () => T): T => {
    try {
      return f();
    } catch (e) {
      throw new UsageError(`--${flag}: ${(e as Error).message}`, command);
    }
  };
  const preference = parse('backend', () => parseBackendName(stringOption(values, 'backend') ?? process.env.VMODEL_BACKEND ?? 'auto'));
  const threadsText = stringOption(values, 'threads');
  const threads = threadsText === undefined ? undefined : parse('threads', () => parseThreads(threadsText));
  const info = await selectBackend(preference, threads === undefined ? {} : { threads });
  return { name: info.name, ...(info.simd !== undefined ? { simd: info.simd } : {}), ...(info.threads !== undefined ? { threads: info.threads } : {}) };
}
