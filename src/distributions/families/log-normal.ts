/**
 * LogNormal(loc μ, scale σ): x = exp(y) with y ~ Normal(μ, σ).
 * log p(x) = Normal(μ, σ).logProb(log x) − log x. Mean exp(μ + σ²/2),
 * variance (exp(σ²) − 1) exp(2μ + σ²), entropy μ + ½ + ½ log(2π σ²).
 */
import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '@tensorflow/tfjs';
import type { Rng } from '../../runtime/rng.js';
import { implementFamily, logNormalFamily } from '../builtins.js';
import { positive } from '../constraints/index.js';
import { Distribution, type DistributionOptions } from '../distribution.js';
import { toFloat, type TensorLike } from '../ops.js';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

export class LogNormal extends Distribution {
  readonly loc: Tensor;
  readonly scale: Tensor;

  constructor(loc: TensorLike, scale: TensorLike, options: DistributionOptions = {}) {
    const p = { loc: toFloat(loc), scale: toFloat(scale) };
    super('LogNormal', p, logNormalFamily.params, [], options);
    this.loc = p.loc;
    this.scale = p.scale;
  }

  get support() {
    return positive;
  }

  override get hasRsample(): boolean {
    return true;
  }

  protected logProbUnchecked(x: Tensor): Tensor {
    return tf.tidy(() => {
      const logX = tf.log(x);
      const z = tf.div(tf.sub(logX, this.loc), this.scale);
      return tf.sub(tf.sub(tf.sub(tf.mul(-0.5, tf.square(z)), tf.log(this.scale)), logX), HALF_LOG_2PI);
    });
  }

  override rsample(rng: Rng, sampleShape: readonly number[] = []): Tensor {
    return tf.tidy(() => tf.exp(tf.add(this.loc, tf.mul(this.scale, rng.normal(this.extendedShape(sampleShape))))));
  }

  override get mean(): Tensor {
    return tf.tidy(() => tf.broadcastTo(tf.exp(tf.add(this.loc, tf.mul(0.5, tf.square(this.scale)))), this.batchShape));
  }

  override get variance(): Tensor {
    return tf.tidy(() => {
      const s2 = tf.square(this.scale);
      return tf.broadcastTo(tf.mul(tf.sub(tf.exp(s2), 1), tf.exp(tf.add(tf.mul(2, this.loc), s2))), this.batchShape);
    });
  }

  override entropy(): Tensor {
    return tf.tidy(() => tf.broadcastTo(tf.add(tf.add(this.loc, tf.log(this.scale)), 0.5 + HALF_LOG_2PI), this.batchShape));
  }

  protected override withParams(p: Record<string, Tensor>): LogNormal {
    return new LogNormal(p.loc!, p.scale!, { validateArgs: this.validate });
  }
}

implementFamily(logNormalFamily, (p) => new LogNormal(p.loc!, p.scale!));
