import { describe, expect, it } from 'vitest';
import { regularizedGammaP, standardGammaGradAlpha } from '../../src/numerics/index.js';
import { expectClose, loadReference } from './helpers.js';

const ref = loadReference<{ a: number[]; x: number[]; dz_dalpha: number[] }>('incomplete-gamma');
const at = (i: number) => `dz/dα at α = ${ref.a[i]}, z = ${ref.x[i]}`;

describe('standardGammaGradAlpha (host, float64)', () => {
  it('matches −(∂P/∂α)/p from mpmath (80 digits) for α from 1e-3 to 1e4 within 1e-12 relative', () => {
    expectClose(Array.from(standardGammaGradAlpha(ref.a, ref.x)), ref.dz_dalpha, { rtol: 1e-12 }, at);
  });

  it('is the derivative of the quantile at fixed u: agrees with central differences of P⁻¹(u; α)', () => {
    // Invert P(α, ·) = u by bisection in float64, then difference in α: an independent route to dz/dα.
    const quantile = (alpha: number, u: number) => {
      let lo = 0;
      let hi = alpha + 50 * Math.sqrt(alpha) + 50;
      for (let k = 0; k < 200; k++) {
        const mid = (lo + hi) / 2;
        if (regularizedGammaP(alpha, mid) < u) lo = mid;
        else hi = mid;
      }
      return (lo + hi) / 2;
    };
    for (const [alpha, u] of [[0.3, 0.2], [1, 0.5], [4, 0.9], [25, 0.05]] as const) {
      const z = quantile(alpha, u);
      const h = 1e-5 * alpha;
      const fd = (quantile(alpha + h, u) - quantile(alpha - h, u)) / (2 * h);
      expectClose(Array.from(standardGammaGradAlpha(alpha, [z])), [fd], { rtol: 1e-7 }, () => `α = ${alpha}, u = ${u}`);
    }
  });

  it('at α = 1, z = log 2 (the Exponential median) gives 0.968044830442044487 (mpmath, 30 digits)', () => {
    expect(Math.abs(standardGammaGradAlpha(1, [Math.LN2])[0]! - 0.968044830442044487)).toBeLessThan(1e-14);
  });

  it('gives 0 at z = 0, NaN for α ≤ 0 or z < 0, and rejects mismatched lengths', () => {
    const [zero, badAlpha] = standardGammaGradAlpha([2, 0], [0, 1]);
    expect(zero).toBe(0);
    expect(Number.isNaN(badAlpha!)).toBe(true);
    expect(Number.isNaN(standardGammaGradAlpha(2, [-1])[0]!)).toBe(true);
    expect(() => standardGammaGradAlpha([1, 2, 3], [1])).toThrow(/standardGammaGradAlpha: arguments have different lengths 3 and 1/);
  });
});
