/** Helpers for the EM tests: read fitted parameters, check monotone traces. */
import * as tf from '@tensorflow/tfjs';
import type { ParamStore } from '../../../src/inference/params/param-store.js';

/** Constrained values of every global parameter, as plain float arrays. */
export function fitted(store: ParamStore): Record<string, Float64Array> {
  const values = store.constrainedGlobals();
  const out = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Float64Array.from(v.dataSync())]));
  tf.dispose(Object.values(values));
  return out;
}

/**
 * The largest drop between consecutive entries, relative to the entry. EM with an exact E-step
 * never lowers the log-likelihood; the E-step runs in float32, whose rounding (2⁻²³ ≈ 1.2e-7
 * relative per value) is the only allowed source of a drop.
 */
export function largestRelativeDrop(trace: readonly number[]): number {
  let worst = 0;
  for (let i = 1; i < trace.length; i++) worst = Math.max(worst, (trace[i - 1]! - trace[i]!) / Math.abs(trace[i]!));
  return worst;
}

/** Row-major float64 copy of a data column. */
export function rowsOf(values: ArrayLike<number>, n: number, d: number): Float64Array[] {
  return Array.from({ length: n }, (_, i) => Float64Array.from({ length: d }, (_, j) => values[i * d + j]!));
}
