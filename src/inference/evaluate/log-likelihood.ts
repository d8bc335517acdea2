/**
 * Importance-sampled estimates of log p(x | θ) with the guide as proposal (the IWAE-k bound,
 * which approaches log p(x) as k grows), with standard errors:
 *
 *   log p̂(x_i) = log 1/k Σ_s p(x_i, z_s) / q(z_s | x_i),   z_s ~ q.
 *
 * With only local latents each row gets its own estimate, and the standard error is that of the
 * mean over rows. With global latents the draws are joint over all rows, and the standard error of
 * log p̂(X) comes from the spread of the weights (delta method: sd(w) / (√k · mean(w))).
 * Discrete latents the guide enumerates are summed out exactly.
 */
import type { Dataset } from '../../data/index.js';
import { Rng } from '../../runtime/rng.js';
import type { Prepared } from '../setup.js';
import { wholeBatch } from '../fit/epoch-cursor.js';
import { evaluationLogWeights, hasGlobalLatents, meanAndError, readChecked, rowChunks, rowsPerChunk } from './evaluation-trace.js';

export interface LogLikelihoodEstimate {
  /** The estimate per data row (average over rows), and its standard error. */
  readonly perRow: number;
  readonly standardError: number;
  readonly rows: number;
  readonly k: number;
  /** Per-row estimates (only with local latents alone). */
  readonly rowValues?: Float64Array;
}

export interface LogLikelihoodOptions {
  readonly k: number;
  readonly seed: number;
  /** Importance samples drawn at once (memory); default 100. */
  readonly samplesPerChunk?: number;
}

export function estimateLogLikelihood(prepared: Prepared, data: Dataset, options: LogLikelihoodOptions): LogLikelihoodEstimate {
  const k = options.k;
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`k must be a positive whole number, got ${k}`);
  const rng = new Rng(options.seed);
  const chunk = Math.min(k, options.samplesPerChunk ?? 100);
  if (hasGlobalLatents(prepared)) {
    const weights = jointLogWeights(prepared, data, k, chunk, rng);
    const { logMean, relativeSe } = logMeanExp(weights);
    return { perRow: logMean / data.n, standardError: relativeSe / data.n, rows: data.n, k };
  }
  const rowValues = new Float64Array(data.n);
  let offset = 0;
  for (const batch of rowChunks(data, rowsPerChunk(prepared, chunk))) {
    const logW = new Float64Array(k * batch.size);
    for (let done = 0; done < k; done += chunk) {
      const s = Math.min(chunk, k - done);
      const values = readChecked(rng, (r) => {
        const { local, global } = evaluationLogWeights(prepared, batch, data.n, s, r);
        return local.add(global.reshape([-1, 1]));
      });
      logW.set(values, done * batch.size);
    }
    for (let b = 0; b < batch.size; b++) {
      const column = Float64Array.from({ length: k }, (_, s) => logW[s * batch.size + b]!);
      rowValues[offset + b] = logMeanExp(column).logMean;
    }
    offset += batch.size;
  }
  const { mean, standardError } = meanAndError(rowValues);
  return { perRow: mean, standardError, rows: data.n, k, rowValues };
}

/** Joint log weights log p(X, z_s) − log q(z_s) over all rows, one per draw (global latents). */
export function jointLogWeights(prepared: Prepared, data: Dataset, k: number, chunk: number, rng: Rng): Float64Array {
  const batch = wholeBatch(data);
  const out = new Float64Array(k);
  for (let done = 0; done < k; done += chunk) {
    const s = Math.min(chunk, k - done);
    const values = readChecked(rng, (r) => {
      const { local, global } = evaluationLogWeights(prepared, batch, data.n, s, r);
      return local.sum(1).add(global);
    });
    out.set(values, done);
  }
  return out;
}

/** log mean exp of log weights, and the relative standard error of the mean weight. */
export function logMeanExp(logW: ArrayLike<number>): { logMean: number; relativeSe: number } {
  const n = logW.length;
  let max = -Infinity;
  for (let i = 0; i < n; i++) max = Math.max(max, logW[i]!);
  if (max === -Infinity) return { logMean: -Infinity, relativeSe: NaN };
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    const w = Math.exp(logW[i]! - max);
    sum += w;
    sumSq += w * w;
  }
  const mean = sum / n;
  const variance = n > 1 ? (sumSq / n - mean * mean) * (n / (n - 1)) : NaN;
  return { logMean: max + Math.log(mean), relativeSe: Math.sqrt(Math.max(variance, 0) / n) / mean };
}
