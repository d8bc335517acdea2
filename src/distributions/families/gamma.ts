/**
 * Gamma(concentration α, rate β): log p(x) = α log β + (α − 1) log x − βx − lgamma(α).
 * Mean α/β, variance α/β², entropy α − log β + lgamma(α) + (1 − α) ψ(α).
 * Reparameterized: x = G/β with G ~ Gamma(α, 1) drawn on the host and differentiated in α by
 * implicit reparameterization (see `samplers/gamma.ts`).
 */
import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '@tensorflow/tfjs';
import { digamma, lgamma } from '../../numerics/index.js';
import type { Rng } from '../../runtime/rng.js';
import { gammaFamily, implementFamily } from '../builtins.js';
import { positive } from '../constraints/index.js';
import { Distribution, type DistributionOptions } from '../distribution.js';
import { FLOAT32_MAX, FLOAT32_TINY, toFloat, type TensorLike } from '../ops.js';
import { rsampleLogStandardGamma } from '../samplers/gamma.js';

export class Gamma extends Distribution {
  readonly concentration: Tensor;
  readonly rate: Tensor;

  constructor(concentration: TensorLike, rate: TensorLike, options: DistributionOptions = {}) {
    const p = { concentration: toFloat(concentration), rate: toFloat(rate) };
    super('Gamma', p, gammaFamily.params, [], options);
    this.concentration = p.concentration;
    this.rate = p.rate;
  }

  get support() {
    return positive;
  }

  override get hasRsample(): boolean {
    return true;
  }

  protected logProbUnchecked(x: Tensor): Tensor {
    return tf.tidy(() => {
      const a = this.concentration;
      return tf.sub(
        tf.add(tf.mul(a, tf.log(this.rate)), tf.mul(tf.sub(a, 1), tf.log(x))),
        tf.add(tf.mul(this.rate, x), lgamma(a)),
      );
    });
  }

  override rsample(rng: Rng, sampleShape: readonly number[] = []): Tensor {
    return tf.tidy(() => {
      const shape = this.extendedShape(sampleShape);
      const logG = rsampleLogStandardGamma(tf.broadcastTo(this.concentration, shape), rng);
      // Draws for small α underflow float32; keep them at the smallest normal positive value.
      return tf.clipByValue(tf.exp(tf.sub(logG, tf.log(this.rate))), FLOAT32_TINY, FLOAT32_MAX);
    });
  }

  override get mean(): Tensor {
    return tf.tidy(() => tf.broadcastTo(tf.div(this.concentration, this.rate), this.batchShape));
  }

  override get variance(): Tensor {
    return tf.tidy(() => tf.broadcastTo(tf.div(this.concentration, tf.square(this.rate)), this.batchShape));
  }

  override entropy(): Tensor {
    return tf.tidy(() => {
      const a = this.concentration;
      const h = tf.add(tf.sub(a, tf.log(this.rate)), tf.add(lgamma(a), tf.mul(tf.sub(1, a), digamma(a))));
      return tf.broadcastTo(h, this.batchShape);
    });
  }

  protected override withParams(p: Record<string, Tensor>): Gamma {
    return new Gamma(p.concentration!, p.rate!, { validateArgs: this.validate });
  }
}

implementFamily(gammaFamily, (p) => new Gamma(p.concentration!, p.rate!));
