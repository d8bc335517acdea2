/**
 * Generic conformance checks every family must pass, built-in or added by a plugin. Each check
 * takes a distribution (or a way to build one) and asserts with vitest's `expect`; the table test
 * and the plugin test call them with their own cases.
 *
 * Tolerances are for float32 tensors (ε ≈ 1.2e-7) and stated where used; Monte Carlo checks use
 * a fixed seed and bounds of 5 standard errors estimated from the same draws.
 */
import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import {
  bijectTo,
  constraints,
  Distribution,
  Rng,
  setValidation,
  type FamilySpec,
} from '../../src/distributions/index.js';

// tfjs's IS_TEST kernel check (set by test/setup.ts) counts the clone a `tf.customGrad` saves for
// its backward pass as a leaked data id on WASM and throws, although the tape releases it; leaks are
// checked here instead by counting tensors and data buffers around each call.
tf.env().set('IS_TEST', false);

export type Nested = number | Nested[];

/** One row of reference.json: a family, its parameters, test points and scipy's answers. */
export interface ReferenceRow {
  readonly id: string;
  readonly family: string;
  readonly params: Readonly<Record<string, Nested>>;
  readonly x: Nested;
  readonly logProb: Nested;
  readonly mean?: Nested;
  readonly variance?: Nested;
  readonly entropy?: Nested;
}

export function flat(v: Nested): number[] {
  return Array.isArray(v) ? v.flatMap(flat) : [v];
}

/**
 * |actual − expected| ≤ abs + rel·|expected| elementwise; ±∞ must match exactly and NaN only NaN.
 */
export function expectClose(actual: ArrayLike<number>, expected: readonly number[], rel: number, abs: number, what: string): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (!Number.isFinite(e)) {
      expect(Number.isNaN(e) ? Number.isNaN(a) : a === e, `${what}[${i}]: got ${a}, expected ${e}`).toBe(true);
      continue;
    }
    const err = Math.abs(a - e);
    expect(err, `${what}[${i}]: got ${a}, expected ${e}`).toBeLessThanOrEqual(abs + rel * Math.abs(e));
  }
}

/** Build a distribution from a family spec and plain-number parameters. */
export function build(spec: FamilySpec, params: Readonly<Record<string, Nested>>): Distribution {
  const tensors: Record<string, tf.Tensor> = {};
  for (const [k, v] of Object.entries(params)) tensors[k] = tf.tensor(v as number[], undefined, 'float32');
  return spec.create(tensors);
}

/**
 * Run `fn` and assert it creates exactly `expected` new tensors (its results) and at most that many
 * data buffers (results may share one), i.e. leaks nothing.
 */
export function expectTensorsCreated<T>(fn: () => T, expected: number, what: string): T {
  const before = tf.memory();
  const out = fn();
  const after = tf.memory();
  expect(after.numTensors - before.numTensors, `${what}: tensors left behind`).toBe(expected);
  expect(after.numDataBuffers - before.numDataBuffers, `${what}: data buffers left behind`).toBeLessThanOrEqual(expected);
  return out;
}

/** logProb at the reference points; float32 log-densities of magnitude |e| carry ~1e-6·(1 + |e|) rounding. */
export function checkLogProb(d: Distribution, row: ReferenceRow): void {
  tf.tidy(() => {
    const x = tf.tensor(row.x as number[], undefined, 'float32');
    const lp = d.logProb(x);
    expect(lp.shape).toEqual(x.shape.slice(0, x.rank - d.eventShape.length));
    // 4e-6·(1 + |e|): the special functions (lgamma, digamma) are accurate to a few float32 ulps and
    // the log-density sums up to ~6 terms whose magnitudes can exceed the result's; the worst case
    // observed over the table is 1e-6 (Poisson at rate 40).
    expectClose(lp.dataSync(), flat(row.logProb), 4e-6, 4e-6, `${row.id} logProb`);
  });
}

/**
 * Declared mean, variance and entropy against reference values: float32 closed forms of a few
 * operations, 2e-6 relative (worst observed over the table: 5.6e-7, InverseGamma's entropy).
 */
export function checkDeclaredMoments(d: Distribution, row: ReferenceRow): void {
  tf.tidy(() => {
    if (row.mean !== undefined) expectClose(d.mean.dataSync(), flat(row.mean), 2e-6, 1e-7, `${row.id} mean`);
    if (row.variance !== undefined) expectClose(d.variance.dataSync(), flat(row.variance), 2e-6, 1e-7, `${row.id} variance`);
    if (row.entropy !== undefined) expectClose(d.entropy().dataSync(), flat(row.entropy), 2e-6, 2e-6, `${row.id} entropy`);
  });
}

// ------------------------------------------------------------------------------- normalization

/** Tanh-sinh (double-exponential) nodes on (0, 1): t, 1 − t (both accurate), and weights dt. */
function tanhSinhNodes(step = 1 / 24, limit = 3.2): { t: number[]; oneMinusT: number[]; w: number[] } {
  const t: number[] = [];
  const oneMinusT: number[] = [];
  const w: number[] = [];
  for (let k = -Math.round(limit / step); k <= Math.round(limit / step); k++) {
    const s = (Math.PI / 2) * Math.sinh(k * step);
    t.push(1 / (1 + Math.exp(-2 * s)));
    oneMinusT.push(1 / (1 + Math.exp(2 * s)));
    w.push((step * (Math.PI / 2) * Math.cosh(k * step)) / (2 * Math.cosh(s) ** 2));
  }
  return { t, oneMinusT, w };
}

/** Per batch element: the declared mean when finite (so a kink at the mode, as in Laplace, becomes a
 * quadrature endpoint), else the sample median; and the sample interquartile range as a length scale. */
function locationSpread(d: Distribution, rng: Rng): { centre: number[]; spread: number[] } {
  const draws = tf.tidy(() => d.sample(rng, [400]).dataSync());
  const batch = draws.length / 400;
  let means: ArrayLike<number> | undefined;
  try {
    means = tf.tidy(() => d.mean.dataSync());
  } catch {
    means = undefined;
  }
  const centre: number[] = [];
  const spread: number[] = [];
  for (let b = 0; b < batch; b++) {
    const col = Array.from({ length: 400 }, (_, i) => draws[i * batch + b]!).sort((a, c) => a - c);
    const m = means?.[b];
    centre.push(m !== undefined && Number.isFinite(m) ? m : col[200]!);
    spread.push(Math.max(col[300]! - col[100]!, 1e-3));
  }
  return { centre, spread };
}

/**
 * ∫ p(x) dx for each batch element of a scalar continuous family, by tanh-sinh quadrature: the real
 * line is split at a centre c into two half-lines, and each half-line (a, ∞) is mapped from (0, 1)
 * by x = a + s·tan(πt/2), so heavy tails become bounded integrands; a bounded interval is mapped
 * linearly. Built with validation off because quadrature nodes may round onto the boundary.
 */
export function integrateDensity(make: () => Distribution, rng: Rng): number[] {
  setValidation(false);
  const d = make();
  setValidation(true);
  const support = d.support.elementSet;
  if (!(support instanceof constraints.RealInterval) || d.eventShape.length !== 0) {
    throw new Error(`integrateDensity: needs a scalar continuous family, got support ${d.support}`);
  }
  const { t, oneMinusT, w } = tanhSinhNodes();
  const { centre, spread } = locationSpread(d, rng);
  const batch = centre.length;
  const { lower: a, upper: c } = support;
  // Each piece maps node i to a point and its weight dx, per batch element.
  type Piece = (i: number, b: number) => [x: number, dx: number];
  const halfLine = (start: (b: number) => number, sign: number): Piece => (i, b) => {
    const angle = (Math.PI / 2) * oneMinusT[i]!;
    return [start(b) + (sign * spread[b]!) / Math.tan(angle), (spread[b]! * Math.PI) / 2 / Math.sin(angle) ** 2];
  };
  const pieces: Piece[] =
    a === -Infinity && c === Infinity
      ? [halfLine((b) => centre[b]!, 1), halfLine((b) => centre[b]!, -1)]
      : c === Infinity
        ? [halfLine(() => a, 1)]
        : a === -Infinity
          ? [halfLine(() => c, -1)]
          : [(i) => [a + (c - a) * t[i]!, c - a]];
  const totals = new Array<number>(batch).fill(0);
  for (const piece of pieces) {
    const xs: number[] = [];
    const jac: number[] = [];
    for (let i = 0; i < t.length; i++) {
      for (let b = 0; b < batch; b++) {
        const [x, dx] = piece(i, b);
        xs.push(x);
        jac.push(dx * w[i]!);
      }
    }
    const shape = d.batchShape.length === 0 ? [t.length] : [t.length, batch];
    const lp = tf.tidy(() => d.logProb(tf.tensor(xs, shape, 'float32')).dataSync());
    lp.forEach((v, k) => {
      // Nodes that round onto a boundary in float32 carry no mass; skip their ±∞ log-densities.
      if (Number.isFinite(v) && Number.isFinite(jac[k]!)) totals[k % batch]! += Math.exp(v) * jac[k]!;
    });
  }
  return totals;
}

/**
 * Σ_k p(k) = 1 per batch element, summing far into the tail (mean + 30 sd + 30) or over the finite
 * support. Built with validation off: counts outside one batch element's support (k > n for a
 * Binomial with mixed total counts) must then have log-probability −∞.
 */
export function sumMass(make: () => Distribution): number[] {
  setValidation(false);
  const d = make();
  setValidation(true);
  return tf.tidy(() => {
    let values: tf.Tensor;
    if (d.hasEnumerateSupport) {
      values = d.enumerateSupport(false);
    } else {
      const mean = Math.max(...d.mean.dataSync());
      const sd = Math.sqrt(Math.max(...d.variance.dataSync()));
      const top = Math.ceil(mean + 30 * sd + 30);
      values = tf.reshape(tf.range(0, top + 1, 1, 'float32'), [top + 1, ...d.batchShape.map(() => 1)]);
    }
    return Array.from(tf.sum(tf.exp(d.logProb(values)), 0).dataSync());
  });
}

// ------------------------------------------------------------------------------------- moments

/**
 * Sample mean and variance of n draws against the declared ones, per batch/event element:
 * |mean − μ| ≤ 5 σ/√n and |var − σ²| ≤ 5 √((m₄ − var²·(n − 3)/(n − 1))/n), the standard error
 * of the unbiased sample variance with m₄ the sample fourth central moment.
 */
export function checkSampleMoments(d: Distribution, rng: Rng, n: number, what: string): void {
  const { draws, mean, variance } = tf.tidy(() => ({
    draws: d.sample(rng, [n]).dataSync(),
    mean: d.mean.dataSync(),
    variance: d.variance.dataSync(),
  }));
  const m = mean.length;
  for (let j = 0; j < m; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += draws[i * m + j]!;
    const avg = s / n;
    let s2 = 0;
    let s4 = 0;
    for (let i = 0; i < n; i++) {
      const dev = draws[i * m + j]! - avg;
      s2 += dev * dev;
      s4 += dev ** 4;
    }
    const v = s2 / (n - 1);
    const m4 = s4 / n;
    if (Number.isFinite(mean[j]!)) {
      expect(Math.abs(avg - mean[j]!), `${what} mean[${j}]: sample ${avg} vs ${mean[j]}`).toBeLessThanOrEqual(
        5 * Math.sqrt(variance[j]! / n) + 1e-6,
      );
    }
    if (Number.isFinite(variance[j]!)) {
      expect(Math.abs(v - variance[j]!), `${what} variance[${j}]: sample ${v} vs ${variance[j]}`).toBeLessThanOrEqual(
        5 * Math.sqrt(Math.max(m4 - (v * v * (n - 3)) / (n - 1), 0) / n) + 1e-6,
      );
    }
  }
}

/**
 * Per column of n values laid out [n, m]: the mean and its standard error, accumulated in float64
 * so that only the float32 values themselves carry rounding error.
 */
export function monteCarlo(values: ArrayLike<number>, n: number): { mc: number[]; se: number[] } {
  const m = values.length / n;
  const mc: number[] = [];
  const se: number[] = [];
  for (let j = 0; j < m; j++) {
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      s += values[i * m + j]!;
      s2 += values[i * m + j]! ** 2;
    }
    mc.push(s / n);
    se.push(Math.sqrt(Math.max(s2 / n - (s / n) ** 2, 0) / n));
  }
  return { mc, se };
}

/** Entropy against the Monte Carlo estimate −mean log p(x), within 5 standard errors. */
export function checkEntropyByMonteCarlo(d: Distribution, rng: Rng, n: number, what: string): void {
  const { lp, h } = tf.tidy(() => ({ lp: d.logProb(d.sample(rng, [n])).dataSync(), h: d.entropy().dataSync() }));
  const { mc, se } = monteCarlo(lp, n);
  h.forEach((v, j) => {
    const label = `${what} entropy[${j}]: MC ${-mc[j]!} ± ${se[j]} vs ${v}`;
    expect(Math.abs(-mc[j]! - v), label).toBeLessThanOrEqual(5 * se[j]! + 1e-6 * (1 + Math.abs(v)));
  });
}

// ------------------------------------------------------------------------- pathwise gradients

/**
 * Pathwise gradients of rsample against finite differences of the declared moments:
 * d/dθ E[z] = d/dθ mean and d/dθ E[z²] = d/dθ (variance + mean²).
 *
 * Each continuous parameter is replicated n times along a new leading batch axis, so one gradient
 * call gives n independent per-draw gradients; their average must match the central difference
 * (step h = 1e-2·max(1, |θ|): truncation O(h²) ≈ 1e-4, float32 rounding ≈ 1e-7/h = 1e-5) within
 * 5 standard errors plus 5e-4·(1 + |FD|) for that difference error.
 */
export function checkRsampleGradients(spec: FamilySpec, params: Readonly<Record<string, Nested>>, rng: Rng, n: number, what: string): void {
  const base = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, flat(v)]));
  const shapes = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, tf.tidy(() => tf.tensor(v as number[]).shape)]));
  const momentSums = (values: Record<string, number[]>): [number, number] =>
    tf.tidy(() => {
      const d = spec.create(Object.fromEntries(Object.entries(values).map(([k, v]) => [k, tf.tensor(v, shapes[k], 'float32')])));
      const mean = d.mean;
      return [tf.sum(mean).dataSync()[0]!, tf.sum(tf.add(d.variance, tf.square(mean))).dataSync()[0]!];
    });
  setValidation(false); // perturbing scale_tril's upper triangle is fine for the moment formulas
  try {
    for (const p of spec.params) {
      if (!(p.name in params) || p.constraint.isDiscrete) continue;
      const values = base[p.name]!;
      // Per-draw gradients of Σ z and Σ z² with respect to each replicated element.
      const perDraw = tf.tidy(() => {
        const replicated = tf.tensor(Array.from({ length: n }, () => values).flat(), [n, ...shapes[p.name]!], 'float32');
        const others = Object.fromEntries(
          Object.entries(params)
            .filter(([k]) => k !== p.name)
            .map(([k, v]) => [k, tf.tensor(v as number[], undefined, 'float32')]),
        );
        const draw = (theta: tf.Tensor) => spec.create({ ...others, [p.name]: theta }).rsample(rng);
        // Same seed for both functionals, so z and z² come from the same draws.
        const state = rng.state();
        const g1 = tf.grad((theta: tf.Tensor) => tf.sum(draw(theta)))(replicated);
        const replay = Rng.fromState(state);
        const g2 = tf.grad((theta: tf.Tensor) => tf.sum(tf.square(spec.create({ ...others, [p.name]: theta }).rsample(replay))))(replicated);
        return [Array.from(g1.dataSync()), Array.from(g2.dataSync())];
      });
      for (let e = 0; e < values.length; e++) {
        const h = 1e-2 * Math.max(1, Math.abs(values[e]!));
        const plus = values.slice();
        const minus = values.slice();
        plus[e]! += h;
        minus[e]! -= h;
        const [m1p, m2p] = momentSums({ ...base, [p.name]: plus });
        const [m1m, m2m] = momentSums({ ...base, [p.name]: minus });
        const fd = [(m1p - m1m) / (2 * h), (m2p - m2m) / (2 * h)];
        for (let f = 0; f < 2; f++) {
          const g = Array.from({ length: n }, (_, i) => perDraw[f]![i * values.length + e]!);
          const avg = g.reduce((a, b) => a + b, 0) / n;
          const sd = Math.sqrt(g.reduce((a, b) => a + (b - avg) ** 2, 0) / (n - 1));
          const label = `${what} d/d${p.name}[${e}] E[z${f === 0 ? '' : '²'}]: pathwise ${avg} vs finite difference ${fd[f]}`;
          expect(Math.abs(avg - fd[f]!), label).toBeLessThanOrEqual(5 * (sd / Math.sqrt(n)) + 5e-4 * (1 + Math.abs(fd[f]!)));
        }
      }
    }
  } finally {
    setValidation(true);
  }
}

// ------------------------------------------------------------------------------ memory, shapes

/** Every public method returns exactly one new tensor and leaves no intermediates behind. */
export function checkNoLeaks(d: Distribution, x: tf.Tensor, rng: Rng, what: string): void {
  const dispose = (t: tf.Tensor) => t.dispose();
  dispose(expectTensorsCreated(() => d.logProb(x), 1, `${what} logProb`));
  dispose(expectTensorsCreated(() => d.sample(rng, [3]), 1, `${what} sample`));
  if (d.hasRsample) dispose(expectTensorsCreated(() => d.rsample(rng, [3]), 1, `${what} rsample`));
  for (const getter of ['mean', 'variance'] as const) {
    try {
      dispose(expectTensorsCreated(() => d[getter], 1, `${what} ${getter}`));
    } catch (e) {
      if (!(e instanceof Error) || !/no closed form/.test(e.message)) throw e;
    }
  }
  try {
    dispose(expectTensorsCreated(() => d.entropy(), 1, `${what} entropy`));
  } catch (e) {
    if (!(e instanceof Error) || !/no closed form/.test(e.message)) throw e;
  }
  if (d.hasEnumerateSupport) dispose(expectTensorsCreated(() => d.enumerateSupport(), 1, `${what} enumerateSupport`));
}

/** Draw shapes follow [...sampleShape, ...batch, ...event], and the same seed gives the same draws. */
export function checkShapesAndSeeding(d: Distribution, what: string): void {
  tf.tidy(() => {
    const a = d.sample(new Rng(11), [2, 3]);
    expect(a.shape, `${what} sample shape`).toEqual([2, 3, ...d.batchShape, ...d.eventShape]);
    const b = d.sample(new Rng(11), [2, 3]);
    expect(Array.from(b.dataSync()), `${what} same seed, same draws`).toEqual(Array.from(a.dataSync()));
    const lp = d.logProb(a);
    expect(lp.shape, `${what} logProb shape`).toEqual([2, 3, ...d.batchShape]);
    expect(Array.from(lp.dataSync()).every(Number.isFinite), `${what} draws lie in the support`).toBe(true);
    // Values with extra leading axes of size 1 broadcast against the batch.
    const lp1 = d.logProb(tf.expandDims(a.slice([0, 0], [1, 1]).reshape([...d.batchShape, ...d.eventShape]), 0));
    expect(lp1.shape, `${what} broadcast logProb shape`).toEqual([1, ...d.batchShape]);
  });
}

/** Round trip through the unconstraining transform of the support (what automatic guides do). */
export function checkSupportTransform(d: Distribution, rng: Rng, what: string): void {
  if (d.support.isDiscrete) return;
  tf.tidy(() => {
    const t = bijectTo(d.support);
    const x = d.sample(rng, [4]);
    const u = t.inverse(x);
    expect(u.shape, `${what} unconstrained shape`).toEqual(t.inverseShape(x.shape));
    expectClose(t.forward(u).dataSync(), Array.from(x.dataSync()), 1e-4, 1e-5, `${what} bijectTo round trip`);
  });
}
