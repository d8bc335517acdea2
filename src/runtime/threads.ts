/** How many threads the WASM backend may use; tfjs-free, so the CLI can ask before loading tfjs. */
import { availableParallelism } from 'node:os';

/** tfjs's WASM thread pool takes at most this many threads. */
export const MAX_THREADS = 8;

/** The cores this process may use, capped at `MAX_THREADS`. */
export function availableThreads(): number {
  return Math.min(availableParallelism(), MAX_THREADS);
}
