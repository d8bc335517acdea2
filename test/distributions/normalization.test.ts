/**
 * Table-driven: every density integrates (every mass function sums) to 1 per batch element.
 * Scalar continuous families use tanh-sinh quadrature over the support; Dirichlet a 2-D tanh-sinh
 * rule over the simplex; MultivariateNormal importance sampling.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { Dirichlet, MultivariateNormal, Normal, Independent, Rng } from '../../src/distributions/index.js';
import { build, integrateDensity, sumMass } from './conformance.js';
import { builtinCases, referenceRow } from './table.js';

const scalarContinuous = builtinCases.filter((c) => !c.spec.discrete && c.row.family !== 'Dirichlet' && c.row.family !== 'MultivariateNormal');
const discrete = builtinCases.filter((c) => c.spec.discrete);

/** Per batch element: mass within one float32 ulp of a bounded support's end (see below). */
const UNREACHABLE_MASS: Readonly<Record<string, readonly number[]>> = { beta: [(2 * Math.sqrt(2 ** -24)) / Math.PI, 0, 0] };

describe('continuous densities integrate to 1', () => {
  test.each(scalarContinuous.map((c) => [c.row.id, c] as const))('%s', (id, { row, spec }) => {
    // One batch element at a time, so parameter-dependent supports (Uniform) are exact.
    const batch = Math.max(...Object.values(row.params).map((v) => (Array.isArray(v) ? v.length : 1)));
    const totals = Array.from({ length: batch }, (_, b) => {
      const params = Object.fromEntries(Object.entries(row.params).map(([k, v]) => [k, Array.isArray(v) ? v[b]! : v]));
      return tf.tidy(() => integrateDensity(() => build(spec, params), new Rng(17)))[0]!;
    });
    // Tanh-sinh with 1/24 steps is exact to ~1e-9 here, and float32 log-densities carry ~1e-7
    // relative error: 2e-6 in all. The one exception is mass float32 cannot reach: the nodes within
    // δ = 2⁻²⁴ of x = 1 round onto 1, and Beta(½, ½) has ∫ over (1 − δ, 1) ≈ 2√δ/π ≈ 1.6e-4 there.
    totals.forEach((total, b) => {
      const bound = 2e-6 + (UNREACHABLE_MASS[id]?.[b] ?? 0);
      expect(Math.abs(total - 1), `batch element ${b}: total ${total}`).toBeLessThan(bound);
    });
  });
});

describe('mass functions sum to 1', () => {
  test.each(discrete.map((c) => [c.row.id, c] as const))('%s', (_id, { make }) => {
    const totals = tf.tidy(() => sumMass(make));
    // Float32 masses (~1e-7 relative each) summed over up to ~150 terms: observed ≤ 1.5e-6, bound 5e-6.
    for (const total of totals) expect(Math.abs(total - 1), `total ${total}`).toBeLessThan(5e-6);
  });
});

test('Dirichlet integrates to 1 over the 2-simplex', () => {
  const row = referenceRow('dirichlet');
  const alphas = row.params.concentration as number[][];
  // Nodes of tanh-sinh on (0, 1): the density is singular on the faces when some α_i < 1.
  const step = 1 / 12;
  const nodes: { t: number; s: number; w: number }[] = [];
  for (let k = -Math.round(3.2 / step); k <= Math.round(3.2 / step); k++) {
    const v = (Math.PI / 2) * Math.sinh(k * step);
    nodes.push({ t: 1 / (1 + Math.exp(-2 * v)), s: 1 / (1 + Math.exp(2 * v)), w: (step * (Math.PI / 2) * Math.cosh(k * step)) / (2 * Math.cosh(v) ** 2) });
  }
  // x1 = t1, x2 = (1 − x1) t2, x3 = (1 − x1)(1 − t2); dx1 dx2 = (1 − x1) dt1 dt2. Components are
  // computed in float64 before rounding, so points near every face keep their precision.
  const points: number[] = [];
  const weights: number[] = [];
  for (const a of nodes) {
    for (const b of nodes) {
      points.push(a.t, a.s * b.t, a.s * b.s);
      weights.push(a.w * b.w * a.s);
    }
  }
  for (const alpha of alphas) {
    const lp = tf.tidy(() => new Dirichlet(alpha).logProb(tf.tensor(points, [weights.length, 3])).dataSync());
    let total = 0;
    lp.forEach((v, i) => {
      if (Number.isFinite(v)) total += Math.exp(v) * weights[i]!;
    });
    // Float32 rounding of points and log-densities (~1e-7 relative, partly cancelling over 6,000
    // nodes): observed ~3e-8; bound 2e-6 as for the scalar families.
    expect(Math.abs(total - 1), `total ${total}`).toBeLessThan(2e-6);
  }
});

test('MultivariateNormal integrates to 1 (importance sampling)', () => {
  const row = referenceRow('mvn');
  const n = 10000;
  tf.tidy(() => {
    const p = new MultivariateNormal(row.params.loc as number[][], row.params.scale_tril as number[][][]);
    // Proposal: independent Normals with twice each marginal sd, wide enough (4·diag Σ ⪰ (4/3)Σ for
    // D = 3) for p/q to have finite variance.
    const q = new Independent(new Normal(p.mean, tf.mul(2, p.stddev)), 1);
    const x = q.sample(new Rng(23), [n]);
    const ratio = tf.exp(tf.sub(p.logProb(x), q.logProb(x))); // [n, batch]
    const mean = tf.mean(ratio, 0).dataSync();
    const sd = tf.sqrt(tf.mean(tf.square(tf.sub(ratio, tf.mean(ratio, 0))), 0)).dataSync();
    mean.forEach((m, b) => expect(Math.abs(m - 1)).toBeLessThan(5 * (sd[b]! / Math.sqrt(n))));
  });
});
