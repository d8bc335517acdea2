/**
 * Normal(loc μ, scale σ): log p(x) = −(x − μ)²/(2σ²) − log σ − ½ log 2π.
 * Reparameterized: x = μ + σ ε, ε ~ N(0, 1). Mean μ, variance σ², entropy ½ log(2πe σ²).
 */
import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '@tensorflow/tfjs';
import { normalLogProb } from '../../numerics/normal-log-prob.js';
import { implementFamily, normalFamily } from '../builtins.js';
import type { DistributionOptions } from '../distribution.js';
import type { TensorLike } from '../ops.js';
import { LocationScale, locationScaleCreate, type StandardDensity } from './location-scale.js';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

export const STANDARD_NORMAL: StandardDensity = {
  logProb: (z) => tf.sub(tf.mul(-0.5, tf.square(z)), HALF_LOG_2PI),
  sample: (rng, shape) => rng.normal(shape),
  mean: 0,
  variance: 1,
  entropy: 0.5 + HALF_LOG_2PI,
};

export class Normal extends LocationScale {
  constructor(loc: TensorLike, scale: TensorLike, options: DistributionOptions = {}) {
    super('Normal', STANDARD_NORMAL, loc, scale, options);
  }

  /** The same value as the location-scale form, as one kernel with a written-out gradient. */
  protected override logProbUnchecked(x: Tensor): Tensor {
    return normalLogProb(x, this.loc, this.scale);
  }
}

implementFamily(normalFamily, locationScaleCreate(Normal));
