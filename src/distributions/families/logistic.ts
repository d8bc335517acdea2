/**
 * Logistic(loc μ, scale s): with z = (x − μ)/s, log p(x) = −z − log s − 2 log(1 + e^{−z}).
 * Mean μ, variance s²π²/3, entropy log s + 2. Reparameterized: x = μ + s (log u − log(1 − u)).
 */
import * as tf from '@tensorflow/tfjs';
import { softplus } from '../../numerics/index.js';
import { implementFamily, logisticFamily } from '../builtins.js';
import type { DistributionOptions } from '../distribution.js';
import type { TensorLike } from '../ops.js';
import { LocationScale, locationScaleCreate, type StandardDensity } from './location-scale.js';

const STANDARD_LOGISTIC: StandardDensity = {
  logProb: (z) => tf.sub(tf.neg(z), tf.mul(2, softplus(tf.neg(z)))),
  sample: (rng, shape) => {
    const u = rng.uniform(shape);
    return tf.sub(tf.log(u), tf.log1p(tf.neg(u)));
  },
  mean: 0,
  variance: (Math.PI * Math.PI) / 3,
  entropy: 2,
};

export class Logistic extends LocationScale {
  constructor(loc: TensorLike, scale: TensorLike, options: DistributionOptions = {}) {
    super('Logistic', STANDARD_LOGISTIC, loc, scale, options);
  }
}

implementFamily(logisticFamily, locationScaleCreate(Logistic));
