/**
 * HalfCauchy(scale s): |y| with y ~ Cauchy(0, s), on [0, ∞).
 * log p(x) = log 2 − log π − log s − log(1 + (x/s)²). Mean and variance are infinite;
 * entropy log(2π s). Reparameterized: x = s |tan(π(u − ½))|, u ~ U(0, 1).
 */
import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '@tensorflow/tfjs';
import { log1pSquareOver } from '../../numerics/index.js';
import type { Rng } from '../../runtime/rng.js';
import { nonnegative, positive } from '../constraints/index.js';
import { Distribution, type DistributionOptions } from '../distribution.js';
import type { FamilySpec, ParamSpec } from '../family.js';
import { toFloat, type TensorLike } from '../ops.js';

const PARAMS: readonly ParamSpec[] = [{ name: 'scale', constraint: positive, eventRank: 0 }];

export class HalfCauchy extends Distribution {
  readonly scale: Tensor;

  constructor(scale: TensorLike, options: DistributionOptions = {}) {
    const p = { scale: toFloat(scale) };
    super('HalfCauchy', p, PARAMS, [], options);
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
      const lp = tf.sub(
        tf.sub(Math.log(2 / Math.PI), tf.log(this.scale)),
        log1pSquareOver(tf.div(x, this.scale), tf.scalar(1)),
      );
      return tf.where(tf.less(x, 0), tf.fill(lp.shape, -Infinity), lp);
    });
  }

  override rsample(rng: Rng, sampleShape: readonly number[] = []): Tensor {
    return tf.tidy(() => {
      const u = rng.uniform(this.extendedShape(sampleShape));
      return tf.abs(tf.mul(this.scale, tf.tan(tf.mul(Math.PI, tf.sub(u, 0.5)))));
    });
  }

  override get mean(): Tensor {
    return tf.fill(this.batchShape, Infinity);
  }

  override get variance(): Tensor {
    return tf.fill(this.batchShape, Infinity);
  }

  override entropy(): Tensor {
    return tf.tidy(() => tf.broadcastTo(tf.add(tf.log(this.scale), Math.log(2 * Math.PI)), this.batchShape));
  }

  protected override withParams(p: Record<string, Tensor>): HalfCauchy {
    return new HalfCauchy(p.scale!, { validateArgs: this.validate });
  }
}

export const halfCauchyFamily: FamilySpec = {
  name: 'HalfCauchy',
  params: PARAMS,
  support: () => nonnegative,
  eventShape: () => [],
  discrete: false,
  hasRsample: true,
  create: (p) => new HalfCauchy(p.scale!),
  summary: 'HalfCauchy(scale): the absolute value of a zero-location Cauchy (a heavy-tailed scale prior)',
};
