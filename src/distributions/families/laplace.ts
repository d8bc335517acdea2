/**
 * Laplace(loc μ, scale b): log p(x) = −log(2b) − |x − μ|/b. Mean μ, variance 2b²,
 * entropy 1 + log(2b). Reparameterized by the inverse CDF: x = μ − b sign(v) log(1 − |v|),
 * v ~ U(−1, 1).
 */
import * as tf from '@tensorflow/tfjs';
import { implementFamily, laplaceFamily } from '../builtins.js';
import type { DistributionOptions } from '../distribution.js';
import type { TensorLike } from '../ops.js';
import { LocationScale, locationScaleCreate, type StandardDensity } from './location-scale.js';

const STANDARD_LAPLACE: StandardDensity = {
  logProb: (z) => tf.sub(tf.neg(tf.abs(z)), Math.LN2),
  sample: (rng, shape) => {
    const v = tf.sub(tf.mul(2, rng.uniform(shape)), 1);
    return tf.neg(tf.mul(tf.sign(v), tf.log1p(tf.neg(tf.abs(v)))));
  },
  mean: 0,
  variance: 2,
  entropy: 1 + Math.LN2,
};

export class Laplace extends LocationScale {
  constructor(loc: TensorLike, scale: TensorLike, options: DistributionOptions = {}) {
    super('Laplace', STANDARD_LAPLACE, loc, scale, options);
  }
}

implementFamily(laplaceFamily, locationScaleCreate(Laplace));
