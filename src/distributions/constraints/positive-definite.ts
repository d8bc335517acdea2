/**
 * Symmetric positive-definite matrices (covariances).
 *
 * Checked on the host in float64 by attempting a Cholesky factorization: validation runs off the
 * hot path, and a host check cannot be fooled by NaNs produced inside a tensor factorization.
 */
import type { Tensor } from '@tensorflow/tfjs';
import { tfjs } from '../../runtime/lazy-tfjs.js';
import { Constraint } from './constraint.js';

export class PositiveDefinite extends Constraint {
  readonly name = 'PositiveDefinite';
  readonly eventRank = 2;
  readonly isDiscrete = false;

  check(x: Tensor): Tensor {
    const tf = tfjs();
    const batch = x.shape.slice(0, Math.max(0, x.rank - 2));
    const n = x.shape[x.rank - 1] ?? 0;
    if (x.rank < 2 || x.shape[x.rank - 2] !== n) return tf.zeros(batch, 'bool');
    const values = x.dataSync();
    const count = batch.reduce((a, b) => a * b, 1);
    const ok = new Uint8Array(count);
    for (let b = 0; b < count; b++) ok[b] = isPositiveDefinite(values, b * n * n, n) ? 1 : 0;
    return tf.tensor(ok, batch, 'bool');
  }

  equals(other: Constraint): boolean {
    other = other.elementSet;
    return other instanceof PositiveDefinite;
  }

  contains(other: Constraint): boolean {
    other = other.elementSet;
    return other instanceof PositiveDefinite;
  }

  toString(): string {
    return 'PositiveDefinite';
  }
}

/** Symmetric (to float32 rounding) and Cholesky-factorizable with positive pivots. */
function isPositiveDefinite(a: ArrayLike<number>, offset: number, n: number): boolean {
  const at = (i: number, j: number) => a[offset + i * n + j]!;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if (Math.abs(at(i, j) - at(j, i)) > 1e-6 * (Math.abs(at(i, j)) + Math.abs(at(j, i)) + 1e-30)) return false;
    }
  }
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = at(j, j);
    for (let k = 0; k < j; k++) d -= l[j * n + k]! ** 2;
    if (!(d > 0)) return false;
    const ljj = Math.sqrt(d);
    l[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = at(i, j);
      for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
      l[i * n + j] = s / ljj;
    }
  }
  return true;
}
