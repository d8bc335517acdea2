import { describe, expect, it } from 'vitest';
import { standardGammaGradAlpha, standardGammaLogGradAlpha } from '../../src/numerics/index.js';
import { expectClose, loadReference } from './helpers.js';

const ref = loadReference<{ a: number[]; log_z: number[]; dlogz_dalpha: number[] }>('log-gamma-grad');
const grid = loadReference<{ a: number[]; x: number[]; dz_dalpha: number[] }>('incomplete-gamma');

describe('standardGammaLogGradAlpha (host, float64)', () => {
  it('matches (dz/dα)/z from mpmath, including draws e^−1000 and e^−5000 that underflow float64, within 1e-12 relative', () => {
    const got = standardGammaLogGradAlpha(ref.a, ref.log_z);
    expectClose(Array.from(got), ref.dlogz_dalpha, { rtol: 1e-12 }, (i) => `α = ${ref.a[i]}, log z = ${ref.log_z[i]}`);
  });

  it('is standardGammaGradAlpha divided by z on the whole incomplete-gamma grid (1e-14 relative)', () => {
    const logZ = grid.x.map(Math.log);
    const viaLog = standardGammaLogGradAlpha(grid.a, logZ);
    const direct = standardGammaGradAlpha(grid.a, grid.x);
    expectClose(Array.from(viaLog), Array.from(direct, (v, i) => v / grid.x[i]!), { rtol: 1e-14 });
  });

  it('is NaN for α ≤ 0 or log z = NaN, and +∞ at log z = −∞ (the limit of −(log z − ψ(α + 1))/α)', () => {
    const [bad, nan, minusInf] = standardGammaLogGradAlpha([0, 1, 1], [0, NaN, -Infinity]);
    expect(Number.isNaN(bad!) && Number.isNaN(nan!)).toBe(true);
    expect(minusInf).toBe(Infinity);
  });
});
