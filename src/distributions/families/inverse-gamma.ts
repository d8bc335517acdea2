/**
 * InverseGamma(concentration α, rate β): x = 1/Y with Y ~ Gamma(α, β).
 * log p(x) = α log β − lgamma(α) − (α + 1) log x − β/x. Mean β/(α − 1) (α > 1),
 * variance β²/((α − 1)²(α − 2)) (α > 2), entropy α + log β + lgamma(α) − (1 + α) ψ(α).
 */
import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '@tensorflow/tfjs';
import { digamma, lgamma } from '../../numerics/index.js';
import type { Rng } from '../../runtime/rng.js';
import { implementFamily, inverseGammaFamily } from '../builtins.js';
import { positive } from '../constraints/index.js';
import { Distribution, type DistributionOptions } from '../distribution.js';
import { FLOAT32_MAX, FLOAT32_TINY, toFloat, type TensorLike } from '../ops.js';
import { rsampleLogStandardGamma } from '../samplers/gamma.js';

export class InverseGamma extends Distribution {
  readonly concentration: Tensor;
  readonly rate: Tensor;

  constructor(concentration: TensorLike, rate: TensorLike, options: DistributionOptions = {}) {
    const p = { concentration: toFloat(concentration), rate: toFloat(rate) };
    super('InverseGamma', p, inverseGammaFamily.params, [], options);
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
        tf.sub(tf.mul(a, tf.log(this.rate)), lgamma(a)),
        tf.add(tf.mul(tf.add(a, 1), tf.log(x)), tf.div(this.rate, x)),
      );
    });
  }

  override rsample(rng: Rng, sampleShape: readonly number[] = []): Tensor {
    return tf.tidy(() => {
      const shape = this.extendedShape(sampleShape);
      const logG = rsampleLogStandardGamma(tf.broadcastTo(this.concentration, shape), rng);
      // 1/Y = β / G in log space: exp(log β − log G).
      return tf.clipByValue(tf.exp(tf.sub(tf.log(this.rate), logG)), FLOAT32_TINY, FLOAT32_MAX);
    });
  }

  override get mean(): Tensor {
    return tf.tidy(() => {
      const a = tf.broadcastTo(this.concentration, this.batchShape);
      return tf.where(tf.greater(a, 1), tf.broadcastTo(tf.div(this.rate, tf.sub(a, 1)), this.batchShape), tf.fill(this.batchShape, Infinity));
    });
  }

  override get variance(): Tensor {
    return tf.tidy(() => {
      const a = tf.broadcastTo(this.concentration, this.batchShape);
      const v = tf.div(tf.square(this.rate), tf.mul(tf.square(tf.sub(a, 1)), tf.sub(a, 2)));
      return tf.where(tf.greater(a, 2), tf.broadcastTo(v, this.batchShape), tf.fill(this.batchShape, Infinity));
    });
  }

  override entropy(): Tensor {
    return tf.tidy(() => {
      const a = this.concentration;
      const h = tf.sub(tf.add(tf.add(a, tf.log(this.rate)), lgamma(a)), tf.mul(tf.add(a, 1), digamma(a)));
      return tf.broadcastTo(h, this.batchShape);
    });
  }

  protected override withParams(p: Record<string, Tensor>): InverseGamma {
    return new InverseGamma(p.concentration!, p.rate!, { validateArgs: this.validate });
  }
}

implementFamily(inverseGammaFamily, (p) => new InverseGamma(p.concentration!, p.rate!));
