import { describe, expect, it } from 'vitest';
import { paretoK } from '../../src/inference/diagnostics/pareto-k.js';

/**
 * Exact quantiles u_i = (i + ½)/S of a uniform variable pushed through w = u^(−ξ) form a
 * deterministic "sample" whose tail is generalized Pareto with shape ξ; k̂ must recover ξ.
 * (The shrinkage prior pulls k̂ toward 0.5 by 10/(M+10) of the distance, M = 3√S = 300 here.)
 */
function paretoLogWeights(xi: number, s: number): Float64Array {
  return Float64Array.from({ length: s }, (_, i) => -xi * Math.log((i + 0.5) / s));
}

describe('paretoK', () => {
  it.each([0.2, 0.4, 0.6, 0.9])('recovers the tail shape ξ = %s of Pareto weights within 0.05', (xi) => {
    const r = paretoK(paretoLogWeights(xi, 10_000));
    expect(r.tailSize).toBe(300);
    expect(Math.abs(r.k - xi)).toBeLessThan(0.05);
  });

  it('gives k̂ well below 0.5 for light-tailed (log-normal, small variance) weights', () => {
    // Normal quantiles by the inverse-CDF approximation of the probit via erf-free Box–Muller grid.
    const s = 4000;
    const lw = Float64Array.from({ length: s }, (_, i) => 0.1 * probit((i + 0.5) / s));
    const r = paretoK(lw);
    expect(r.k).toBeLessThan(0.3);
    expect(r.verdict).toBe('good');
  });

  it('is invariant to adding a constant to every log weight (normalization does not matter)', () => {
    const lw = paretoLogWeights(0.6, 2000);
    const shifted = lw.map((v) => v - 1234.5);
    expect(paretoK(shifted).k).toBeCloseTo(paretoK(lw).k, 10);
  });

  it('words the usual thresholds', () => {
    expect(paretoK(paretoLogWeights(0.3, 5000)).verdict).toBe('good');
    expect(paretoK(paretoLogWeights(0.6, 5000)).verdict).toBe('ok');
    expect(paretoK(paretoLogWeights(0.8, 5000)).verdict).toBe('bad');
    expect(paretoK(paretoLogWeights(1.3, 5000)).verdict).toBe('very bad');
    expect(paretoK(paretoLogWeights(0.8, 5000)).message).toMatch(/≥ 0\.7/);
  });

  it('refuses NaN and reports too few weights instead of guessing', () => {
    expect(() => paretoK([0, NaN, 1])).toThrow(/NaN/);
    expect(paretoK([0, 1, 2]).message).toMatch(/too few/);
  });
});

/** Inverse standard-normal CDF (Acklam's rational approximation, |error| < 1.2e-9). */
function probit(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const q = Math.min(p, 1 - p);
  let x: number;
  if (q > 0.02425) {
    const u = p - 0.5;
    const r = u * u;
    return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * u) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }
  const t = Math.sqrt(-2 * Math.log(q));
  x = (((((c[0] * t + c[1]) * t + c[2]) * t + c[3]) * t + c[4]) * t + c[5]) / ((((d[0] * t + d[1]) * t + d[2]) * t + d[3]) * t + 1);
  return p < 0.5 ? x : -x;
}
