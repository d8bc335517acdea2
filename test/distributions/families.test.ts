/**
 * Behaviour specific to some families: finite-support enumeration, expand, the wrappers
 * (Independent, TransformedDistribution, Delta), the large-parameter discrete samplers, and the
 * static FamilySpec answers the checker relies on.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import {
  Bernoulli,
  Binomial,
  Categorical,
  Cauchy,
  constraints,
  Delta,
  Dirichlet,
  DistributionError,
  getFamily,
  HalfCauchy,
  Independent,
  InverseGamma,
  MultivariateNormal,
  Normal,
  Poisson,
  Rng,
  SigmoidTransform,
  StickBreakingTransform,
  StudentT,
  TransformedDistribution,
} from '../../src/distributions/index.js';
import { checkNoLeaks, checkSampleMoments, expectClose, flat } from './conformance.js';
import { referenceRow } from './table.js';

describe('enumerateSupport', () => {
  test('values along a new leading axis, expanded or broadcastable', () => {
    tf.tidy(() => {
      const b = new Bernoulli({ probs: [[0.1, 0.2, 0.3]] });
      expect(b.enumerateSupport().shape).toEqual([2, 1, 3]);
      expect(b.enumerateSupport(false).shape).toEqual([2, 1, 1]);
      const c = new Categorical({ logits: tf.zeros([2, 4]) });
      expect(Array.from(c.enumerateSupport(false).dataSync())).toEqual([0, 1, 2, 3]);
      expect(c.enumerateSupport().shape).toEqual([4, 2]);
      expect(new Binomial(3, { probs: [0.5, 0.1] }).enumerateSupport().shape).toEqual([4, 2]);
      // Summing over enumerated values is how the engine marginalizes discrete latents.
      const total = tf.sum(tf.exp(c.logProb(c.enumerateSupport())), 0);
      expectClose(total.dataSync(), [1, 1], 1e-6, 1e-6, 'enumerated mass');
    });
  });
});

test('integer and boolean values are accepted as data', () => {
  tf.tidy(() => {
    const b = new Bernoulli({ probs: 0.25 });
    const asBool = b.logProb(tf.tensor1d([true, false], 'bool'));
    expectClose(asBool.dataSync(), [Math.log(0.25), Math.log(0.75)], 1e-6, 1e-6, 'bool data');
    const p = new Poisson(2).logProb(tf.tensor1d([0, 3], 'int32'));
    expectClose(p.dataSync(), [-2, 3 * Math.log(2) - 2 - Math.log(6)], 1e-6, 1e-6, 'int32 data');
  });
});

test('moments that do not exist are NaN or ∞, as in torch', () => {
  tf.tidy(() => {
    const t = new StudentT([0.8, 1.5, 3], 2, 1);
    expect(Array.from(t.mean.dataSync())).toEqual([NaN, 2, 2]);
    expect(Array.from(t.variance.dataSync())).toEqual([NaN, Infinity, 3]);
    expect(Array.from(new InverseGamma([0.5, 1.5, 3], 2).mean.dataSync())).toEqual([Infinity, 4, 1]);
    expect(Array.from(new InverseGamma([1.5, 3], 2).variance.dataSync())).toEqual([Infinity, 1]);
    expect(Array.from(new Cauchy(0, 1).mean.dataSync())).toEqual([NaN]);
    expect(Array.from(new HalfCauchy(1).variance.dataSync())).toEqual([Infinity]);
  });
});

describe('expand', () => {
  test('broadcasts parameters to a larger batch and rejects incompatible shapes', () => {
    tf.tidy(() => {
      const d = new Normal(0, [1, 2]).expand([5, 2]);
      expect(d.batchShape).toEqual([5, 2]);
      expect(d.sample(new Rng(1)).shape).toEqual([5, 2]);
      expect(new Dirichlet([1, 2, 3]).expand([4]).sample(new Rng(1)).shape).toEqual([4, 3]);
      expect(new Categorical({ probs: [0.5, 0.5] }).expand([3]).batchShape).toEqual([3]);
      expect(() => new Normal(0, [1, 2]).expand([3])).toThrow('Normal: cannot expand batch shape [2] to [3]');
    });
  });
});

describe('sample versus rsample', () => {
  test('sample carries no gradient; rsample does', () => {
    tf.tidy(() => {
      const loc = tf.scalar(0.5);
      const viaSample = tf.grad((m: tf.Tensor) => tf.sum(new Normal(m, 1).sample(new Rng(1), [10])))(loc);
      const viaRsample = tf.grad((m: tf.Tensor) => tf.sum(new Normal(m, 1).rsample(new Rng(1), [10])))(loc);
      expect(viaSample.dataSync()[0]).toBe(0);
      expect(viaRsample.dataSync()[0]).toBe(10);
      // The same seed gives the same values either way.
      expect(Array.from(new Normal(loc, 1).sample(new Rng(2), [4]).dataSync())).toEqual(
        Array.from(new Normal(loc, 1).rsample(new Rng(2), [4]).dataSync()),
      );
    });
  });
});

describe('Independent', () => {
  test('reinterprets batch dims as event dims and sums their log-densities', () => {
    tf.tidy(() => {
      const base = new Normal(tf.zeros([4, 3]), tf.fill([4, 3], 2));
      const d = new Independent(base, 1);
      expect(d.batchShape).toEqual([4]);
      expect(d.eventShape).toEqual([3]);
      expect(d.support.eventRank).toBe(1);
      const x = d.sample(new Rng(2), [5]);
      expect(x.shape).toEqual([5, 4, 3]);
      expectClose(d.logProb(x).dataSync(), Array.from(tf.sum(base.logProb(x), -1).dataSync()), 1e-6, 1e-6, 'Independent logProb');
      expectClose(d.entropy().dataSync(), Array.from(tf.sum(base.entropy(), -1).dataSync()), 1e-6, 1e-6, 'Independent entropy');
      expect(d.expand([2, 4]).batchShape).toEqual([2, 4]);
      expect(() => new Independent(base, 3)).toThrow('Independent: cannot reinterpret 3 dims of Normal with batch shape [4, 3]');
    });
  });
});

describe('TransformedDistribution', () => {
  test('logit-normal log-density matches the closed form', () => {
    const row = referenceRow('logitnormal');
    tf.tidy(() => {
      const d = new TransformedDistribution(new Normal(row.params.loc as number, row.params.scale as number), new SigmoidTransform());
      expect(d.support.equals(constraints.unitInterval)).toBe(true);
      expectClose(d.logProb(tf.tensor(row.x as number[])).dataSync(), flat(row.logProb), 4e-6, 4e-6, 'logit-normal');
    });
  });

  test('shape-changing transforms: a logistic-normal on the simplex', () => {
    tf.tidy(() => {
      const base = new Independent(new Normal(tf.zeros([2, 3]), 1), 1);
      const d = new TransformedDistribution(base, new StickBreakingTransform());
      expect(d.batchShape).toEqual([2]);
      expect(d.eventShape).toEqual([4]);
      const x = d.rsample(new Rng(3), [6]);
      expect(x.shape).toEqual([6, 2, 4]);
      expect(Array.from(constraints.simplex.check(x).dataSync()).every(Boolean)).toBe(true);
      expect(d.logProb(x).shape).toEqual([6, 2]);
      const wider = d.expand([3, 2]);
      expect([wider.batchShape, wider.eventShape]).toEqual([[3, 2], [4]]);
      expect(wider.sample(new Rng(4)).shape).toEqual([3, 2, 4]);
    });
  });

  test('is reparameterized when its base is: gradients flow through the transform', () => {
    tf.tidy(() => {
      // y = σ(μ + ε): dy/dμ = y(1 − y) for every draw.
      const mu = tf.scalar(0.3);
      const g = tf.grad((m: tf.Tensor) => tf.sum(new TransformedDistribution(new Normal(m, 1), new SigmoidTransform()).rsample(new Rng(4), [20])))(mu);
      const y = new TransformedDistribution(new Normal(mu, 1), new SigmoidTransform()).rsample(new Rng(4), [20]);
      expect(g.dataSync()[0]).toBeCloseTo(tf.sum(tf.mul(y, tf.sub(1, y))).dataSync()[0]!, 4);
    });
  });
});

describe('MultivariateNormal from a covariance matrix', () => {
  test('agrees with the scale_tril parameterization, and rejects non-positive-definite input', () => {
    const row = referenceRow('mvn');
    tf.tidy(() => {
      const tril = tf.tensor(row.params.scale_tril as number[][][]);
      const cov = tf.matMul(tril, tril, false, true);
      const d = getFamily('MultivariateNormal')!.create({ loc: tf.tensor(row.params.loc as number[][]), covariance_matrix: cov });
      expectClose(d.logProb(tf.tensor(row.x as number[])).dataSync(), flat(row.logProb), 4e-6, 4e-6, 'MVN via covariance');
      expect(() => MultivariateNormal.fromCovariance([0, 0], [[1, 2], [2, 1]])).toThrow(
        "MultivariateNormal: parameter 'covariance_matrix' (shape [2, 2]) must satisfy PositiveDefinite, but found [1, 2, 2, 1] at index []",
      );
    });
  });
});

describe('Delta', () => {
  test('point mass: log-density 0 at v and −∞ elsewhere; draws are v with gradient 1', () => {
    tf.tidy(() => {
      const d = new Delta([1, 2]);
      expect(Array.from(d.logProb(tf.tensor1d([1, 3])).dataSync())).toEqual([0, -Infinity]);
      const g = tf.grad((v: tf.Tensor) => tf.sum(new Delta(v).rsample(new Rng(1), [3])))(tf.tensor1d([1, 2]));
      expect(Array.from(g.dataSync())).toEqual([3, 3]);
      const vec = new Delta([[1, 2, 3]], { eventRank: 1, logDensity: -0.5 });
      expect(vec.eventShape).toEqual([3]);
      expect(Array.from(vec.logProb(tf.tensor2d([[1, 2, 3], [1, 2, 4]])).dataSync())).toEqual([-0.5, -Infinity]);
      expect(Array.from(d.entropy().dataSync())).toEqual([0, 0]);
    });
  });
});

describe('large-parameter discrete samplers', () => {
  test.each([
    ['Poisson PTRS (rate 1000)', () => new Poisson([12, 1000])],
    ['Binomial BTRS (n = 1000)', () => new Binomial([1000, 60], { probs: [0.3, 0.9] })],
  ])('%s matches its mean and variance', (name, make) => {
    tf.tidy(() => checkSampleMoments(make(), new Rng(8), 10000, name));
  });

  test('Categorical frequencies match the probabilities', () => {
    const n = 20000;
    const probs = [0.05, 0.15, 0.3, 0.5];
    const counts = [0, 0, 0, 0];
    tf.tidy(() => new Categorical({ probs }).sample(new Rng(9), [n]).dataSync()).forEach((k) => counts[k]!++);
    counts.forEach((c, k) => {
      const p = probs[k]!;
      expect(Math.abs(c / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
    });
  });
});

test.each([
  ['Independent', () => new Independent(new Normal(tf.zeros([2, 3]), 1), 1), () => tf.zeros([2, 3])],
  ['TransformedDistribution', () => new TransformedDistribution(new Normal(0, [1, 2]), new SigmoidTransform()), () => tf.fill([2], 0.3)],
  ['Delta', () => new Delta([1, 2]), () => tf.tensor1d([1, 2])],
] as const)('%s leaks no tensors', (name, make, value) => {
  const before = tf.memory().numTensors;
  tf.tidy(() => {
    const d = make();
    const x = value();
    const inner = tf.memory().numTensors;
    checkNoLeaks(d, x, new Rng(12), name);
    expect(tf.memory().numTensors).toBe(inner);
  });
  expect(tf.memory().numTensors).toBe(before);
});

describe('family specs answer the checker without tensors', () => {
  test('supports and event shapes from parameter sizes and constants', () => {
    const none = { eventShapes: {}, constants: {} };
    expect(getFamily('Normal')!.support(none)).toBe(constraints.real);
    expect(getFamily('Categorical')!.support({ eventShapes: { logits: [5] }, constants: {} }).equals(constraints.integerInterval(0, 4))).toBe(true);
    expect(getFamily('Binomial')!.support({ eventShapes: {}, constants: { total_count: 10 } }).equals(constraints.integerInterval(0, 10))).toBe(true);
    expect(getFamily('Binomial')!.support(none)).toBe(constraints.nonnegativeInteger);
    expect(String(getFamily('Uniform')!.support({ eventShapes: {}, constants: { low: 1, high: 3 } }))).toBe('[1, 3)');
    expect(getFamily('Dirichlet')!.eventShape({ eventShapes: { concentration: [4] }, constants: {} })).toEqual([4]);
    expect(getFamily('MultivariateNormal')!.eventShape({ eventShapes: { loc: [3], scale_tril: [3, 3] }, constants: {} })).toEqual([3]);
    expect(getFamily('Bernoulli')!.oneOf).toEqual([['probs', 'logits']]);
    expect(getFamily('StudentT')!.params.map((p) => [p.name, p.default])).toEqual([['df', undefined], ['loc', 0], ['scale', 1]]);
  });

  test('create builds a distribution from named tensors, with defaults for omitted parameters', () => {
    tf.tidy(() => {
      const t = getFamily('StudentT')!.create({ df: tf.scalar(4) });
      expect(t.logProb(tf.scalar(0)).dataSync()[0]).toBeCloseTo(Math.log(0.375), 5);
      const b = getFamily('Binomial')!.create({ logits: tf.scalar(0) });
      expect(() => b.logProb(tf.scalar(2))).toThrow(DistributionError);
    });
  });
});
