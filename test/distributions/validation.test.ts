/** Argument and value validation: clear messages naming family, parameter, shape, constraint, value and index. */
import * as tf from '@tensorflow/tfjs';
import { afterEach, expect, test } from 'vitest';
import {
  Bernoulli,
  Binomial,
  Categorical,
  Dirichlet,
  DistributionError,
  Gamma,
  MultivariateNormal,
  Normal,
  Rng,
  setValidation,
  Uniform,
} from '../../src/distributions/index.js';

afterEach(() => setValidation(true));

const message = (fn: () => unknown): string => {
  try {
    tf.tidy(() => {
      fn();
    });
  } catch (e) {
    expect(e).toBeInstanceOf(DistributionError);
    return (e as Error).message;
  }
  throw new Error('expected a DistributionError');
};

test('invalid parameters name the family, parameter, shape, constraint, value and index', () => {
  expect(message(() => new Normal([0, 0, 0], [1, -1, 2]))).toBe(
    "Normal: parameter 'scale' (shape [3]) must satisfy GreaterThan(0), but found -1 at index [1]",
  );
  expect(message(() => new Gamma(tf.tensor2d([[1, 2], [3, NaN]]), 1))).toBe(
    "Gamma: parameter 'concentration' (shape [2, 2]) must satisfy GreaterThan(0), but found NaN at index [1, 1]",
  );
  expect(message(() => new Categorical({ probs: [[0.2, 0.2], [0.5, 0.5]] }))).toBe(
    "Categorical: parameter 'probs' (shape [2, 2]) must satisfy Simplex, but found [0.2, 0.2] at index [0]",
  );
  expect(message(() => new Bernoulli({ probs: 1.5 }))).toBe(
    "Bernoulli: parameter 'probs' (shape []) must satisfy [0, 1], but found 1.5 at index []",
  );
  expect(message(() => new MultivariateNormal([0, 0], [[1, 1], [0, 1]]))).toBe(
    "MultivariateNormal: parameter 'scale_tril' (shape [2, 2]) must satisfy LowerCholesky, but found [1, 1, 0, 1] at index []",
  );
  expect(message(() => new Uniform([0, 1], [1, 0.5]))).toBe(
    "Uniform: parameter 'high' (shape [2]) must be greater than 'low', but found 0.5 with low 1 and high 0.5 at index [1]",
  );
});

test('shape errors name the parameters involved', () => {
  expect(message(() => new Normal([0, 0, 0], [1, 1]))).toBe(
    "Normal: parameter 'scale' (batch shape [2]) does not broadcast with 'loc' (batch shape [3])",
  );
  expect(message(() => new Dirichlet(2))).toBe("Dirichlet: parameter 'concentration' (shape []) must be a vector");
  expect(message(() => new MultivariateNormal([0, 0, 0], [[1, 0], [0, 1]]))).toBe(
    "MultivariateNormal: parameter 'scale_tril' (shape [2, 2]) must end in [3, 3] to match 'loc' (shape [3])",
  );
  expect(message(() => new Bernoulli({}))).toBe("Bernoulli: give exactly one of 'probs' and 'logits', got neither");
  expect(message(() => new Bernoulli({ probs: 0.5, logits: 0 }))).toBe("Bernoulli: give exactly one of 'probs' and 'logits', got both");
});

test('values outside the support or of the wrong shape are reported', () => {
  expect(message(() => new Gamma(2, 1).logProb(tf.tensor1d([1, -2])))).toBe(
    'Gamma: value (shape [2]) must lie in the support GreaterThan(0), but found -2 at index [1]',
  );
  expect(message(() => new Bernoulli({ probs: 0.3 }).logProb(tf.tensor1d([0, 0.5])))).toBe(
    'Bernoulli: value (shape [2]) must lie in the support Boolean, but found 0.5 at index [1]',
  );
  expect(message(() => new Dirichlet([1, 1, 1]).logProb(tf.tensor1d([0.5, 0.5])))).toBe(
    'Dirichlet: value (shape [2]) must end in the event shape [3]',
  );
  expect(message(() => new Normal([0, 1, 2], 1).logProb(tf.tensor1d([0, 1])))).toBe(
    'Normal: value (shape [2]) does not broadcast against batch shape [3]',
  );
  expect(message(() => new Binomial([5, 2], { probs: 0.5 }).logProb(tf.tensor1d([3, 3])))).toBe(
    'Binomial: value (shape [2]) must not exceed total_count, but found a count above it at index [1]',
  );
});

test('capabilities a family lacks are reported clearly', () => {
  expect(message(() => new Bernoulli({ probs: 0.3 }).rsample(new Rng(1)))).toBe(
    'Bernoulli: has no reparameterized sampler (rsample); use sample() with a score-function estimator',
  );
  expect(message(() => new Normal(0, 1).enumerateSupport())).toBe('Normal: support Real is not finite, so it cannot be enumerated');
  expect(message(() => new Categorical({ logits: [0, 1] }).mean)).toBe('Categorical: no closed form for the mean');
});

test('validation can be switched off globally (for hot loops) and per distribution', () => {
  setValidation(false);
  tf.tidy(() => {
    const lp = new Normal(0, -1).logProb(tf.scalar(0));
    expect(Number.isNaN(lp.dataSync()[0])).toBe(true);
    expect(new Gamma(2, 1).logProb(tf.scalar(-1)).dataSync()[0]).toBeNaN();
  });
  setValidation(true);
  tf.tidy(() => {
    expect(() => new Normal(0, -1)).toThrow(DistributionError);
    expect(() => new Normal(0, -1, { validateArgs: false })).not.toThrow();
  });
});
