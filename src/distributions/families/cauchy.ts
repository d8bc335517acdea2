/**
 * Cauchy(loc μ, scale s): log p(x) = −log π − log s − log(1 + ((x − μ)/s)²).
 * The mean is undefined (NaN) and the variance infinite; entropy log(4π s).
 * Reparameterized: x = μ + s tan(π(u − ½)), u ~ U(0, 1).
 */
import * as tf from '@tensorflow/tfjs';
import { log1pSquareOver } from '../../numerics/index.js';
import { cauchyFamily, implementFamily } from '../builtins.js';
import type { DistributionOptions } from '../distribution.js';
import type { TensorLike } from '../ops.js';
import { LocationScale, locationScaleCreate, type StandardDensity } from './location-scale.js';

export const STANDARD_CAUCHY: StandardDensity = {
  logProb: (z) => tf.sub(-Math.log(Math.PI), log1pSquareOver(z, tf.scalar(1))),
  sample: (rng, shape) => tf.tan(tf.mul(Math.PI, tf.sub(rng.uniform(shape), 0.5))),
  mean: NaN,
  variance: Infinity,
  entropy: Math.log(4 * Math.PI),
};

export class Cauchy extends LocationScale {
  constructor(loc: TensorLike, scale: TensorLike, options: DistributionOptions = {}) {
    super('Cauchy', STANDARD_CAUCHY, loc, scale, options);
  }
}

implementFamily(cauchyFamily, locationScaleCreate(Cauchy));
