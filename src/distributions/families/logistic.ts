/**
 * Logistic(loc μ, scale s): with z = (x − μ)/s, log p(x) = −z − log s − 2 log(1 + e^{−z}).
 * Mean μ, variance s²π²/3, entropy log s + 2. Reparameterized: x = μ + s (log u − log(1 − u)).
 */
import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '@tensorflow/tfjs';
import { softplus } from '../../numerics/index.js';
import type { Rng } from '../../runtime/rng.js';
import { positive, real } from '../constraints/index.js';
import { Distribution, type DistributionOptions } from '../distribution.js';
import type { FamilySpec, ParamSpec } from '../family.js';
import { toFloat, type TensorLike } from '../ops.js';

const PARAMS: readonly ParamSpec[] = [
  { name: 'loc', constraint: real, eventRank: 0 },
  { name: 'scale', constraint: positive, eventRank: 0 },
];

export class Logistic extends Distribution {
  readonly loc: Tensor;
  readonly scale: Tensor;

  constructor(loc: TensorLike, scale: TensorLike, options: DistributionOptions = {}) {
    const p = { loc: toFloat(loc), scale: toFloat(scale) };
    super('Logistic', p, PARAMS, [], options);
    this.loc = p.loc;
    this.scale = p.scale;
  }

  get support() {
    return real;
  }

  override get hasRsample(): boolean {
    return true;
  }

  protected logProbUnchecked(x: Tensor): Tensor {
    return tf.tidy(() => {
      const z = tf.div(tf.sub(x, this.loc), this.scale);
      return tf.sub(tf.sub(tf.neg(z), tf.log(this.scale)), tf.mul(2, softplus(tf.neg(z))));
    });
  }

  override rsample(rng: Rng, sampleShape: readonly number[] = []): Tensor {
    return tf.tidy(() => {
      const u = rng.uniform(this.extendedShape(sampleShape));
      return tf.add(this.loc, tf.mul(this.scale, tf.sub(tf.log(u), tf.log1p(tf.neg(u)))));
    });
  }

  override get mean(): Tensor {
    return tf.tidy(() => tf.broadcastTo(this.loc, this.batchShape));
  }

  override get variance(): Tensor {
    return tf.tidy(() => tf.broadcastTo(tf.mul(tf.square(this.scale), (Math.PI * Math.PI) / 3), this.batchShape));
  }

  override entropy(): Tensor {
    return tf.tidy(() => tf.broadcastTo(tf.add(tf.log(this.scale), 2), this.batchShape));
  }

  protected override withParams(p: Record<string, Tensor>): Logistic {
    return new Logistic(p.loc!, p.scale!, { validateArgs: this.validate });
  }
}

export const logisticFamily: FamilySpec = {
  name: 'Logistic',
  params: PARAMS,
  support: () => real,
  eventShape: () => [],
  discrete: false,
  hasRsample: true,
  create: (p) => new Logistic(p.loc!, p.scale!),
  summary: 'Logistic(loc, scale): the logistic distribution (sigmoid CDF)',
};
