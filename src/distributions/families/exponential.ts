/**
 * Exponential(rate λ): log p(x) = log λ − λx on [0, ∞). Mean 1/λ, variance 1/λ²,
 * entropy 1 − log λ. Reparameterized: x = −log(u)/λ.
 */
import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '@tensorflow/tfjs';
import type { Rng } from '../../runtime/rng.js';
import { exponentialFamily, implementFamily } from '../builtins.js';
import { nonnegative } from '../constraints/index.js';
import { Distribution, type DistributionOptions } from '../distribution.js';
import { toFloat, type TensorLike } from '../ops.js';

export class Exponential extends Distribution {
  readonly rate: Tensor;

  constructor(rate: TensorLike, options: DistributionOptions = {}) {
    const p = { rate: toFloat(rate) };
    super('Exponential', p, exponentialFamily.params, [], options);
    this.rate = p.rate;
  }

  get support() {
    return nonnegative;
  }

  override get hasRsample(): boolean {
    return true;
  }

  protected logProbUnchecked(x: Tensor): Tensor {
    return tf.tidy(() => {
      const lp = tf.sub(tf.log(this.rate), tf.mul(this.rate, x));
      return tf.where(tf.less(x, 0), tf.fill(lp.shape, -Infinity), lp);
    });
  }

  override rsample(rng: Rng, sampleShape: readonly number[] = []): Tensor {
    return tf.tidy(() => tf.div(tf.neg(tf.log(rng.uniform(this.extendedShape(sampleShape)))), this.rate));
  }

  override get mean(): Tensor {
    return tf.tidy(() => tf.broadcastTo(tf.reciprocal(this.rate), this.batchShape));
  }

  override get variance(): Tensor {
    return tf.tidy(() => tf.broadcastTo(tf.reciprocal(tf.square(this.rate)), this.batchShape));
  }

  override entropy(): Tensor {
    return tf.tidy(() => tf.broadcastTo(tf.sub(1, tf.log(this.rate)), this.batchShape));
  }

  protected override withParams(p: Record<string, Tensor>): Exponential {
    return new Exponential(p.rate!, { validateArgs: this.validate });
  }
}

implementFamily(exponentialFamily, (p) => new Exponential(p.rate!));
