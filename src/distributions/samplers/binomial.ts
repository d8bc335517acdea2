/**
 * Binomial variates on the host: inversion for small n·min(p, 1−p), and Hörmann's BTRS
 * transformed rejection (1993) otherwise, using the symmetry k ↦ n − k to keep p ≤ ½.
 */
import { lgammaF64 as lgammaHost } from '../../numerics/lgamma-f64.js';
import type { Rng } from '../../runtime/rng.js';

export function binomialDraw(n: number, p: number, rng: Rng): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomialDraw(n, 1 - p, rng);
  return n * p < 10 ? byInversion(n, p, rng) : byBtrs(n, p, rng);
}

function byInversion(n: number, p: number, rng: Rng): number {
  const q = 1 - p;
  const ratio = p / q;
  let prob = Math.pow(q, n);
  let cdf = prob;
  let k = 0;
  const u = rng.nextDouble();
  while (u > cdf && k < n) {
    prob *= (ratio * (n - k)) / (k + 1);
    k += 1;
    cdf += prob;
  }
  return k;
}

function byBtrs(n: number, p: number, rng: Rng): number {
  const q = 1 - p;
  const spq = Math.sqrt(n * p * q);
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const vr = 0.92 - 4.2 / b;
  const alpha = (2.83 + 5.1 / b) * spq;
  const logOdds = Math.log(p / q);
  const m = Math.floor((n + 1) * p);
  const h = lgammaHost(m + 1) + lgammaHost(n - m + 1);
  for (;;) {
    const u = rng.nextDouble() - 0.5;
    let v = rng.nextDouble();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    if (us >= 0.07 && v <= vr) return k;
    v = Math.log((v * alpha) / (a / (us * us) + b));
    if (v <= h - lgammaHost(k + 1) - lgammaHost(n - k + 1) + (k - m) * logOdds) return k;
  }
}

export function binomialArray(n: ArrayLike<number>, p: ArrayLike<number>, rng: Rng): Float32Array {
  const out = new Float32Array(n.length);
  for (let i = 0; i < n.length; i++) out[i] = binomialDraw(n[i]!, p[i]!, rng);
  return out;
}
