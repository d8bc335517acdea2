/**
 * HalfCauchy(scale s): |y| with y ~ Cauchy(0, s), on [0, ∞).
 * log p(x) = log 2 − log π − log s − log(1 + (x/s)²). Mean and variance are infinite;
 * entropy log(2π s). Reparameterized: x = s |tan(π(u − ½))|, u ~ U(0, 1).
 */
import { halfCauchyFamily, implementFamily } from '../builtins.js';
import type { DistributionOptions } from '../distribution.js';
import type { TensorLike } from '../ops.js';
import { STANDARD_CAUCHY } from './cauchy.js';
import { HalfScale, halfScaleCreate } from './location-scale.js';

export class HalfCauchy extends HalfScale {
  constructor(scale: TensorLike, options: DistributionOptions = {}) {
    super('HalfCauchy', STANDARD_CAUCHY, { mean: Infinity, variance: Infinity }, scale, options);
  }
}

implementFamily(halfCauchyFamily, halfScaleCreate(HalfCauchy));
