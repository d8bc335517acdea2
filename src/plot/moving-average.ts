/**
 * Centred moving average, used to draw a noisy stochastic objective as a readable trend.
 *
 *   s_i = mean{ y_j : |j − i| ≤ ⌊w/2⌋, 0 ≤ j < n, y_j finite }
 *
 * Near the ends the window is truncated rather than padded, so the trend does not bend towards a
 * padding value; non-finite entries are skipped (an entry whose whole window is non-finite stays NaN).
 * Centring avoids the lag a trailing average would add to the curve.
 */
import { requireInteger } from './check-input.js';

export function movingAverage(y: ArrayLike<number>, window: number): Float64Array {
  requireInteger('moving-average window', window, 1);
  const n = y.length;
  const half = Math.floor(window / 2);
  // Prefix sums of the finite values and of their count make each window O(1).
  const sum = new Float64Array(n + 1);
  const count = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const v = y[i]!;
    const ok = Number.isFinite(v);
    sum[i + 1] = sum[i]! + (ok ? v : 0);
    count[i + 1] = count[i]! + (ok ? 1 : 0);
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const lo = Math.max(0, i - half);
    const hi = Math.min(n, i + half + 1);
    const c = count[hi]! - count[lo]!;
    out[i] = c > 0 ? (sum[hi]! - sum[lo]!) / c : NaN;
  }
  return out;
}
