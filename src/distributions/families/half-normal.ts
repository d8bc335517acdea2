/**
 * HalfNormal(scale σ): |y| with y ~ Normal(0, σ), on [0, ∞).
 * log p(x) = ½ log(2/π) − log σ − x²/(2σ²). Mean σ√(2/π), variance σ²(1 − 2/π),
 * entropy ½ log(πσ²/2) + ½.
 */
import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '@tensorflow/tfjs';
import type { Rng } from '../../runtime/rng.js';
import { nonnegative, positive } from '../constraints/index.js';
import { Distribution, type DistributionOptions } from '../distribution.js';
import type { FamilySpec, ParamSpec } from '../family.js';
import { toFloat, type TensorLike } from '../ops.js';

const PARAMS: readonly ParamSpec[] = [{ name: 'scale', constraint: positive, eventRank: 0 }];

export class HalfNormal extends Distribution {
  readonly scale: Tensor;

  constructor(scale: TensorLike, options: DistributionOptions = {}) {
    const p = { scale: toFloat(scale) };
    super('HalfNormal', p, PARAMS, [], options);
    this.scale = p.scale;
  }

  get support() {
    return nonnegative;
  }

  override get hasRsample(): boolean {
    return true;
  }

  protected logProbUnchecked(x: Tensor): Tensor {
    return tf.tidy(() => {
      const z = tf.div(x, this.scale);
      const lp = tf.sub(tf.sub(tf.mul(-0.5, tf.square(z)), tf.log(this.scale)), 0.5 * Math.log(Math.PI / 2));
      return tf.where(tf.less(x, 0), tf.fill(lp.shape, -Infinity), lp);
    });
  }

  override rsample(rng: Rng, sampleShape: readonly number[] = []): Tensor {
    return tf.tidy(() => tf.abs(tf.mul(this.scale, rng.normal(this.extendedShape(sampleShape)))));
  }

  override get mean(): Tensor {
    return tf.tidy(() => tf.broadcastTo(tf.mul(this.scale, Math.sqrt(2 / Math.PI)), this.batchShape));
  }

  override get variance(): Tensor {
    return tf.tidy(() => tf.broadcastTo(tf.mul(tf.square(this.scale), 1 - 2 / Math.PI), this.batchShape));
  }

  override entropy(): Tensor {
    return tf.tidy(() => tf.broadcastTo(tf.add(tf.log(this.scale), 0.5 * Math.log(Math.PI / 2) + 0.5), this.batchShape));
  }

  protected override withParams(p: Record<string, Tensor>): HalfNormal {
    return new HalfNormal(p.scale!, { validateArgs: this.validate });
  }
}

export const halfNormalFamily: FamilySpec = {
  name: 'HalfNormal',
  params: PARAMS,
  support: () => nonnegative,
  eventShape: () => [],
  discrete: false,
  hasRsample: true,
  create: (p) => new HalfNormal(p.scale!),
  summary: 'HalfNormal(scale): the absolute value of a zero-mean Normal',
};
