/**
 * HalfNormal(scale σ): |y| with y ~ Normal(0, σ), on [0, ∞).
 * log p(x) = ½ log(2/π) − log σ − x²/(2σ²). Mean σ√(2/π), variance σ²(1 − 2/π),
 * entropy ½ log(πσ²/2) + ½.
 */
import { halfNormalFamily, implementFamily } from '../builtins.js';
import type { DistributionOptions } from '../distribution.js';
import type { TensorLike } from '../ops.js';
import { HalfScale, halfScaleCreate } from './location-scale.js';
import { STANDARD_NORMAL } from './normal.js';

export class HalfNormal extends HalfScale {
  constructor(scale: TensorLike, options: DistributionOptions = {}) {
    super('HalfNormal', STANDARD_NORMAL, { mean: Math.sqrt(2 / Math.PI), variance: 1 - 2 / Math.PI }, scale, options);
  }
}

implementFamily(halfNormalFamily, halfScaleCreate(HalfNormal));
