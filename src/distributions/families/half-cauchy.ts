/**
 * HalfCauchy(scale s): |y| with y ~ Cauchy(0, s), on [0, ∞).
 * log p(x) = log 2 − log π − log s − log(1 + (x/s)²). Mean and variance are infinite;
 * entropy log(2π s). Reparameterized: x = s |tan(π(u − ½))|, u ~ U(0, 1).
 */
import type { DistributionOptions } from '../distribution.js';
import type { TensorLike } from '../ops.js';
import { STANDARD_CAUCHY } from './cauchy.js';
import { HalfScale, halfScaleFamily } from './location-scale.js';

export class HalfCauchy extends HalfScale {
  constructor(scale: TensorLike, options: DistributionOptions = {}) {
    super('HalfCauchy', STANDARD_CAUCHY, { mean: Infinity, variance: Infinity }, scale, options);
  }
}

export const halfCauchyFamily = halfScaleFamily('HalfCauchy', HalfCauchy, 'HalfCauchy(scale): the absolute value of a zero-location Cauchy (a heavy-tailed scale prior)');
