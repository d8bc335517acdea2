/**
 * Poisson variates on the host: inversion by sequential search for small rates, and Hörmann's
 * transformed rejection with squeeze (PTRS, 1993) for rate ≥ 10, whose cost is O(1) in the rate.
 */
import { lgammaF64 as lgammaHost } from '../../numerics/lgamma-f64.js';
import type { Rng } from '../../runtime/rng.js';

export function poissonDraw(rate: number, rng: Rng): number {
  if (rate <= 0) return 0;
  if (rate < 10) {
    // Inversion: walk the CDF from 0 (expected rate + 1 steps).
    let k = 0;
    let p = Math.exp(-rate);
    let cdf = p;
    const u = rng.nextDouble();
    while (u > cdf && p > 0) {
      k += 1;
      p *= rate / k;
      cdf += p;
    }
    return k;
  }
  const sqrtRate = Math.sqrt(rate);
  const logRate = Math.log(rate);
  const b = 0.931 + 2.53 * sqrtRate;
  const a = -0.059 + 0.02483 * b;
  const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng.nextDouble() - 0.5;
    const v = rng.nextDouble();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + rate + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -rate + k * logRate - lgammaHost(k + 1)) {
      return k;
    }
  }
}

export function poissonArray(rate: ArrayLike<number>, rng: Rng): Float32Array {
  const out = new Float32Array(rate.length);
  for (let i = 0; i < rate.length; i++) out[i] = poissonDraw(rate[i]!, rng);
  return out;
}
