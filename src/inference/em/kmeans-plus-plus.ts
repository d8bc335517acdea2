/**
 * k-means++ seeding (Arthur & Vassilvitskii, 2007): the first seed is a uniformly drawn row, and
 * each next seed is row n with probability proportional to D(x_n)², its squared distance to the
 * nearest seed so far. Seeds spread over the data, which is why EM for mixtures starts from them.
 */
import type { Rng } from '../../runtime/rng.js';

/** Indices of `k` seed rows of the row-major [n, d] matrix `x`. */
export function kmeansPlusPlus(x: ArrayLike<number>, n: number, d: number, k: number, rng: Rng): Int32Array {
  if (n < k) throw new RangeError(`k-means++ needs at least ${k} rows to seed ${k} components, the data has ${n}`);
  const seeds = new Int32Array(k);
  const nearest = new Float64Array(n).fill(Infinity);
  seeds[0] = Math.floor(rng.nextDouble() * n);
  for (let j = 1; j < k; j++) {
    const s = seeds[j - 1]! * d;
    let total = 0;
    for (let i = 0; i < n; i++) {
      let dist = 0;
      for (let c = 0; c < d; c++) {
        const diff = x[i * d + c]! - x[s + c]!;
        dist += diff * diff;
      }
      if (dist < nearest[i]!) nearest[i] = dist;
      total += nearest[i]!;
    }
    seeds[j] = total > 0 ? drawProportional(nearest, total, rng) : Math.floor(rng.nextDouble() * n);
  }
  return seeds;
}

function drawProportional(weights: Float64Array, total: number, rng: Rng): number {
  let u = rng.nextDouble() * total;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i]!;
    if (u < 0) return i;
  }
  // Rounding left u ≥ 0 after the last row: take the last row with positive weight.
  for (let i = weights.length - 1; i >= 0; i--) if (weights[i]! > 0) return i;
  return 0;
}
