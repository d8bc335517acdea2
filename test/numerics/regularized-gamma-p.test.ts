import { describe, expect, it } from 'vitest';
import { regularizedGammaP } from '../../src/numerics/index.js';
import { expectClose, loadReference } from './helpers.js';

const ref = loadReference<{ a: number[]; x: number[]; p: number[]; q: number[] }>('incomplete-gamma');
const at = (i: number) => `P(${ref.a[i]}, ${ref.x[i]})`;

describe('regularizedGammaP (host, float64)', () => {
  it('matches mpmath (80 digits) for a from 1e-3 to 1e4 and x/a from 1e-3 to 5 within 1e-12 relative', () => {
    // 1e-300 absolute: P(1e4, 10) ≈ e^(−5e4) underflows float64 to 0, as it must.
    expectClose(Array.from(regularizedGammaP(ref.a, ref.x)), ref.p, { rtol: 1e-12, atol: 1e-300 }, at);
  });

  it('is accurate in the upper tail: 1 − P agrees with Q wherever Q ≥ 1e-6', () => {
    const idx = ref.q.map((q, i) => (q >= 1e-6 ? i : -1)).filter((i) => i >= 0);
    const p = regularizedGammaP(idx.map((i) => ref.a[i]!), idx.map((i) => ref.x[i]!));
    // 1 − P itself cancels: P's absolute error ~1e-16 over Q ≥ 1e-6 allows up to 1e-10 relative.
    expectClose(Array.from(p, (v) => 1 - v), idx.map((i) => ref.q[i]!), { rtol: 1e-10 }, (k) => at(idx[k]!));
  });

  it('has the closed forms P(1, x) = 1 − e⁻ˣ and P(½, x) = erf(√x)', () => {
    for (const x of [1e-8, 0.3, 1, 2.5, 10, 40]) {
      expect(Math.abs(regularizedGammaP(1, x) - -Math.expm1(-x))).toBeLessThanOrEqual(1e-13 * -Math.expm1(-x));
    }
    // erf(1) = 0.84270079294971486934… (Abramowitz & Stegun table 7.1).
    expect(Math.abs(regularizedGammaP(0.5, 1) - 0.8427007929497149)).toBeLessThan(1e-14);
  });

  it('handles the edges: P(a, 0) = 0, P(a, ∞) = 1, NaN for a ≤ 0 or x < 0, and mismatched lengths throw', () => {
    expect(regularizedGammaP(2, 0)).toBe(0);
    expect(regularizedGammaP(2, Infinity)).toBe(1);
    expect([regularizedGammaP(0, 1), regularizedGammaP(-1, 1), regularizedGammaP(1, -1)].every(Number.isNaN)).toBe(true);
    expect(Array.from(regularizedGammaP(1, [0, Infinity]))).toEqual([0, 1]);
    expect(() => regularizedGammaP([1, 2], [1, 2, 3])).toThrow(/regularizedGammaP: arguments have different lengths 2 and 3/);
  });
});
