/** `--backend auto|tensorflow|wasm|cpu` and `--threads N`: where a command computes. */
import type { ModelGraph } from '../graph/ir.js';
import { availableThreads } from '../runtime/threads.js';
import type { OptionSpec, OptionValues } from './args.js';
import { stringOption } from './args.js';
import { UsageError } from './errors.js';

export const BACKEND_OPTION: OptionSpec = { name: 'backend', type: 'string', value: 'NAME', description: 'tfjs backend: auto (default), tensorflow, wasm or cpu' };
export const THREADS_OPTION: OptionSpec = { name: 'threads', type: 'string', value: 'N', description: 'threads for the WASM backend\'s large kernels, 1 to 8 (default: the cores for models with networks, else 1)' };

/**
 * The WASM thread count when neither --threads nor VMODEL_THREADS says: measured
 * (docs/performance.md, "Threads"), a network's large products split well over threads (the VAE
 * step 9–10 → 7–8 ms on 2), while a model of small tensors has nothing to split and runs slower on
 * the threaded build (Bayesian regression 1.7 → 2.3 s, an EM iteration 0.052 → 0.067 s).
 */
export function threadsFor(graph: ModelGraph): number {
  return graph.nodes.some((n) => n.kind === 'net') ? availableThreads() : 1;
}

/**
 * Select the backend named by `--backend` (or the VMODEL_BACKEND environment variable, else auto)
 * with the WASM thread count of `--threads` (or VMODEL_THREADS, else `threadsFor(graph)`).
 */
export async function useBackend(values: OptionValues, command: string, graph?: ModelGraph): Promise<{ name: string; simd?: boolean; threads?: number }> {
  const { parseBackendName, parseThreads, selectBackend, threadsFromEnv } = await import('../runtime/backend.js');
  const parse = <T>(flag: string, f: () => T): T => {
    try {
      return f();
    } catch (e) {
      throw new UsageError(`--${flag}: ${(e as Error).message}`, command);
    }
  };
  const preference = parse('backend', () => parseBackendName(stringOption(values, 'backend') ?? process.env.VMODEL_BACKEND ?? 'auto'));
  const flag = stringOption(values, 'threads');
  const given = parse('threads', () => (flag === undefined ? threadsFromEnv() : parseThreads(flag)));
  const threads = given ?? (graph ? threadsFor(graph) : undefined);
  const info = await selectBackend(preference, threads === undefined ? {} : { threads });
  return { name: info.name, ...(info.simd !== undefined ? { simd: info.simd } : {}), ...(info.threads !== undefined ? { threads: info.threads } : {}) };
}
