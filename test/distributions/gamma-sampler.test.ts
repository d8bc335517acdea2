/**
 * The host Gamma sampler (Marsaglia–Tsang, boosted for α < 1) against the exact CDF, the
 * regularized incomplete gamma function P(α, x): a Kolmogorov–Smirnov test at a fixed seed.
 */
import { expect, test } from 'vitest';
import { regularizedGammaP } from '../../src/numerics/index.js';
import { Rng } from '../../src/runtime/rng.js';
import { logStandardGammaArray } from '../../src/distributions/samplers/index.js';

test.each([0.05, 0.3, 1, 4.5, 60])('Gamma(%s, 1) draws follow P(α, x)', (alpha) => {
  const n = 4000;
  const draws = Array.from(logStandardGammaArray(new Float64Array(n).fill(alpha), new Rng(99)), Math.exp).sort((a, b) => a - b);
  let d = 0;
  draws.forEach((x, i) => {
    const cdf = regularizedGammaP(alpha, x);
    d = Math.max(d, Math.abs(cdf - i / n), Math.abs(cdf - (i + 1) / n));
  });
  // The KS critical value at the 0.1% level is 1.95/√n ≈ 0.031 for n = 4000.
  expect(d).toBeLessThan(1.95 / Math.sqrt(n));
});
