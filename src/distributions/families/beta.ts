/**
 * Beta(concentration1 a, concentration0 b) on (0, 1):
 *   log p(x) = (a − 1) log x + (b − 1) log(1 − x) − log B(a, b).
 * Mean a/(a + b), variance ab/((a + b)²(a + b + 1)),
 * entropy log B(a, b) − (a − 1)ψ(a) − (b − 1)ψ(b) + (a + b − 2)ψ(a + b).
 * Reparameterized: x = X/(X + Y) = σ(log X − log Y) with X ~ Gamma(a), Y ~ Gamma(b), both
 * implicitly reparameterized; computing in log space keeps x inside (0, 1) for small a, b.
 */
import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '@tensorflow/tfjs';
import { digamma, logBeta } from '../../numerics/index.js';
import type { Rng } from '../../runtime/rng.js';
import { betaFamily, implementFamily } from '../builtins.js';
import { unitInterval } from '../constraints/index.js';
import { Distribution, type DistributionOptions } from '../distribution.js';
import { FLOAT32_BELOW_ONE, FLOAT32_TINY, toFloat, type TensorLike } from '../ops.js';
import { rsampleLogStandardGamma } from '../samplers/gamma.js';

export class Beta extends Distribution {
  readonly concentration1: Tensor;
  readonly concentration0: Tensor;

  constructor(concentration1: TensorLike, concentration0: TensorLike, options: DistributionOptions = {}) {
    const p = { concentration1: toFloat(concentration1), concentration0: toFloat(concentration0) };
    super('Beta', p, betaFamily.params, [], options);
    this.concentration1 = p.concentration1;
    this.concentration0 = p.concentration0;
  }

  get support() {
    return unitInterval;
  }

  override get hasRsample(): boolean {
    return true;
  }

  protected logProbUnchecked(x: Tensor): Tensor {
    return tf.tidy(() => {
      const a = this.concentration1;
      const b = this.concentration0;
      const body = tf.add(tf.mul(tf.sub(a, 1), tf.log(x)), tf.mul(tf.sub(b, 1), tf.log1p(tf.neg(x))));
      return tf.sub(body, logBeta(a, b));
    });
  }

  override rsample(rng: Rng, sampleShape: readonly number[] = []): Tensor {
    return tf.tidy(() => {
      const shape = this.extendedShape(sampleShape);
      const logX = rsampleLogStandardGamma(tf.broadcastTo(this.concentration1, shape), rng);
      const logY = rsampleLogStandardGamma(tf.broadcastTo(this.concentration0, shape), rng);
      // Keep draws one float32 ulp inside (0, 1), where the log-density is finite.
      return tf.clipByValue(tf.sigmoid(tf.sub(logX, logY)), FLOAT32_TINY, FLOAT32_BELOW_ONE);
    });
  }

  override get mean(): Tensor {
    return tf.tidy(() => tf.broadcastTo(tf.div(this.concentration1, tf.add(this.concentration1, this.concentration0)), this.batchShape));
  }

  override get variance(): Tensor {
    return tf.tidy(() => {
      const a = this.concentration1;
      const b = this.concentration0;
      const total = tf.add(a, b);
      return tf.broadcastTo(tf.div(tf.mul(a, b), tf.mul(tf.square(total), tf.add(total, 1))), this.batchShape);
    });
  }

  override entropy(): Tensor {
    return tf.tidy(() => {
      const a = this.concentration1;
      const b = this.concentration0;
      const total = tf.add(a, b);
      const h = tf.add(
        tf.sub(tf.sub(logBeta(a, b), tf.mul(tf.sub(a, 1), digamma(a))), tf.mul(tf.sub(b, 1), digamma(b))),
        tf.mul(tf.sub(total, 2), digamma(total)),
      );
      return tf.broadcastTo(h, this.batchShape);
    });
  }

  protected override withParams(p: Record<string, Tensor>): Beta {
    return new Beta(p.concentration1!, p.concentration0!, { validateArgs: this.validate });
  }
}

implementFamily(betaFamily, (p) => new Beta(p.concentration1!, p.concentration0!));
