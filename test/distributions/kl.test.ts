/**
 * KL registry: every analytic pair against a Monte Carlo estimate E_p[log p(x) − log q(x)] at a
 * fixed seed (within 5 standard errors), most-specific dispatch, and the no-closed-form fallback.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import {
  Bernoulli,
  Beta,
  broadcastShapes,
  Categorical,
  Dirichlet,
  Distribution,
  Exponential,
  Gamma,
  HalfNormal,
  Independent,
  klDivergence,
  Laplace,
  LogNormal,
  MultivariateNormal,
  NoClosedFormKLError,
  Normal,
  Poisson,
  registerKL,
  Rng,
  tryKLDivergence,
  Uniform,
} from '../../src/distributions/index.js';
import { monteCarlo } from './conformance.js';

const pairs: [string, () => [Distribution, Distribution]][] = [
  ['Normal‖Normal', () => [new Normal([0, 1], [1, 0.5]), new Normal([0.5, -1], [2, 1])]],
  ['LogNormal‖LogNormal', () => [new LogNormal([0, 0.3], [0.5, 1]), new LogNormal([0.2, 0], [1, 0.7])]],
  ['HalfNormal‖HalfNormal', () => [new HalfNormal([1, 2]), new HalfNormal([1.5, 0.8])]],
  ['Laplace‖Laplace', () => [new Laplace([0, 1], [1, 0.5]), new Laplace([0.4, 0], [0.7, 2])]],
  ['Uniform‖Uniform', () => [new Uniform([0, 0.2], [1, 0.5]), new Uniform([-1, 0], [2, 1])]],
  ['Exponential‖Exponential', () => [new Exponential([1, 3]), new Exponential([2, 0.5])]],
  ['Exponential‖Gamma', () => [new Exponential([1, 3]), new Gamma([2, 0.7], [1.5, 2])]],
  ['Gamma‖Exponential', () => [new Gamma([2, 0.7], [1.5, 2]), new Exponential([1, 3])]],
  ['Gamma‖Gamma', () => [new Gamma([2, 0.5], [1, 3]), new Gamma([1.5, 1], [2, 1])]],
  ['Beta‖Beta', () => [new Beta([2, 0.7], [3, 1.5]), new Beta([1, 2], [1, 2])]],
  ['Dirichlet‖Dirichlet', () => [new Dirichlet([[1, 2, 3], [0.5, 0.5, 4]]), new Dirichlet([2, 2, 2])]],
  ['Bernoulli‖Bernoulli', () => [new Bernoulli({ probs: [0.2, 0.7] }), new Bernoulli({ logits: [0.5, -1] })]],
  ['Categorical‖Categorical', () => [new Categorical({ probs: [[0.1, 0.6, 0.3]] }), new Categorical({ logits: [[0, 1, -1], [2, 0, 0]] })]],
  ['Poisson‖Poisson', () => [new Poisson([2, 10]), new Poisson([3, 7])]],
  [
    'MultivariateNormal‖MultivariateNormal',
    () => [
      new MultivariateNormal([0, 1], [[1, 0], [0.5, 0.8]]).expand([2]),
      new MultivariateNormal([[0.5, 0], [1, 1]], [[[1.5, 0], [-0.3, 1]], [[1, 0], [0, 2]]]),
    ],
  ],
  ['Independent‖Independent', () => [new Independent(new Normal([0, 1, 2], 1), 1), new Independent(new Normal(0, [1, 2, 3]), 1)]],
];

describe('analytic KL matches Monte Carlo', () => {
  test.each(pairs)('%s', (_name, make) => {
    const n = 10000;
    tf.tidy(() => {
      const [p, q] = make();
      const kl = klDivergence(p, q);
      const x = p.sample(new Rng(77), [n]);
      const { mc, se } = monteCarlo(tf.sub(p.logProb(x), q.logProb(x)).dataSync(), n);
      expect(kl.shape).toEqual(broadcastShapes(p.batchShape, q.batchShape));
      const k = kl.dataSync();
      k.forEach((v, i) => expect(Math.abs(v - mc[i]!), `KL ${v} vs MC ${mc[i]} ± ${se[i]}`).toBeLessThanOrEqual(5 * se[i]! + 1e-6 * (1 + Math.abs(v))));
    });
  });
});

test('closed forms at known values', () => {
  tf.tidy(() => {
    // KL(N(0, 1) ‖ N(1, 2)) = log 2 + (1 + 1)/8 − ½.
    expect(klDivergence(new Normal(0, 1), new Normal(1, 2)).dataSync()[0]).toBeCloseTo(Math.log(2) + 0.25 - 0.5, 6);
    // Uniform supports that are not nested: +∞.
    expect(klDivergence(new Uniform(0, 2), new Uniform(1, 3)).dataSync()[0]).toBe(Infinity);
    // A Bernoulli with all mass where q has none: +∞.
    expect(klDivergence(new Bernoulli({ probs: 1 }), new Bernoulli({ probs: 0 })).dataSync()[0]).toBe(Infinity);
  });
});

test('pairs without a closed form report it, so callers fall back to Monte Carlo', () => {
  tf.tidy(() => {
    const p = new Normal(0, 1);
    const q = new Gamma(2, 1);
    expect(() => klDivergence(p, q)).toThrow(NoClosedFormKLError);
    expect(() => klDivergence(p, q)).toThrow('no closed-form KL(Normal ‖ Gamma)');
    expect(tryKLDivergence(p, q)).toBeUndefined();
    // Independent wrappers of different rank have no closed form either.
    const a = new Independent(new Normal(tf.zeros([2, 3]), 1), 1);
    const b = new Independent(new Normal(tf.zeros([2, 3]), 1), 2);
    expect(tryKLDivergence(a, b)).toBeUndefined();
  });
});

test('dispatch picks the most specific registered pair', () => {
  class TaggedNormal extends Normal {}
  registerKL(TaggedNormal, Normal, () => tf.scalar(42));
  tf.tidy(() => {
    expect(klDivergence(new TaggedNormal(0, 1), new Normal(0, 1)).dataSync()[0]).toBe(42);
    // The subclass on the q side still uses the parent pair, and plain pairs are unaffected.
    expect(klDivergence(new Normal(0, 1), new TaggedNormal(0, 1)).dataSync()[0]).toBe(0);
    expect(klDivergence(new Normal(0, 1), new Normal(0, 1)).dataSync()[0]).toBe(0);
  });
});

test('KL functions leak no tensors', () => {
  for (const [name, make] of pairs) {
    tf.tidy(() => {
      const [p, q] = make();
      const before = tf.memory().numTensors;
      const kl = klDivergence(p, q);
      expect(tf.memory().numTensors - before, name).toBe(1);
      kl.dispose();
    });
  }
});

test('Normal‖Normal: the hand-written gradient equals autodiff of the formula in all four arguments, through broadcasting', () => {
  const [muP, sP] = [tf.tensor2d([[0.3, -1, 2], [0, 0.5, -0.2]]), tf.tensor2d([[1, 0.5, 2], [0.7, 1.3, 0.9]])];
  const [muQ, sQ] = [tf.tensor1d([0.1]), tf.tensor1d([1.5, 0.8, 1.1])];
  const w = tf.tensor2d([[1, -2, 0.5], [3, 1, -1]]);
  const formula = (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor, d: tf.Tensor) =>
    tf.sum(tf.mul(w, tf.add(tf.log(tf.div(d, b)), tf.sub(tf.div(tf.add(tf.square(b), tf.square(tf.sub(a, c))), tf.mul(2, tf.square(d))), 0.5))));
  const ours = (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor, d: tf.Tensor) => tf.sum(tf.mul(w, klDivergence(new Normal(a, b), new Normal(c, d))));
  const args = [muP, sP, muQ, sQ];
  const got = tf.grads(ours)(args);
  const want = tf.grads(formula)(args);
  expect(ours(muP, sP, muQ, sQ).dataSync()[0]).toBeCloseTo(formula(muP, sP, muQ, sQ).dataSync()[0]!, 5);
  got.forEach((g, i) => {
    expect(g.shape).toEqual(args[i]!.shape);
    const [a, b] = [g.dataSync(), want[i]!.dataSync()];
    a.forEach((v, j) => expect(v).toBeCloseTo(b[j]!, 5));
  });
  tf.dispose([...args, w, ...got, ...want]);
});
