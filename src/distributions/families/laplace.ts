/**
 * Laplace(loc μ, scale b): log p(x) = −log(2b) − |x − μ|/b. Mean μ, variance 2b²,
 * entropy 1 + log(2b). Reparameterized by the inverse CDF: x = μ − b sign(v) log(1 − |v|),
 * v ~ U(−1, 1).
 */
import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '@tensorflow/tfjs';
import type { Rng } from '../../runtime/rng.js';
import { positive, real } from '../constraints/index.js';
import { Distribution, type DistributionOptions } from '../distribution.js';
import type { FamilySpec, ParamSpec } from '../family.js';
import { toFloat, type TensorLike } from '../ops.js';

const PARAMS: readonly ParamSpec[] = [
  { name: 'loc', constraint: real, eventRank: 0 },
  { name: 'scale', constraint: positive, eventRank: 0 },
];

export class Laplace extends Distribution {
  readonly loc: Tensor;
  readonly scale: Tensor;

  constructor(loc: TensorLike, scale: TensorLike, options: DistributionOptions = {}) {
    const p = { loc: toFloat(loc), scale: toFloat(scale) };
    super('Laplace', p, PARAMS, [], options);
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
    return tf.tidy(() =>
      tf.sub(tf.neg(tf.log(tf.mul(2, this.scale))), tf.div(tf.abs(tf.sub(x, this.loc)), this.scale)),
    );
  }

  override rsample(rng: Rng, sampleShape: readonly number[] = []): Tensor {
    return tf.tidy(() => {
      const v = tf.sub(tf.mul(2, rng.uniform(this.extendedShape(sampleShape))), 1);
      return tf.sub(this.loc, tf.mul(this.scale, tf.mul(tf.sign(v), tf.log1p(tf.neg(tf.abs(v))))));
    });
  }

  override get mean(): Tensor {
    return tf.tidy(() => tf.broadcastTo(this.loc, this.batchShape));
  }

  override get variance(): Tensor {
    return tf.tidy(() => tf.broadcastTo(tf.mul(2, tf.square(this.scale)), this.batchShape));
  }

  override entropy(): Tensor {
    return tf.tidy(() => tf.broadcastTo(tf.add(tf.log(tf.mul(2, this.scale)), 1), this.batchShape));
  }

  protected override withParams(p: Record<string, Tensor>): Laplace {
    return new Laplace(p.loc!, p.scale!, { validateArgs: this.validate });
  }
}

export const laplaceFamily: FamilySpec = {
  name: 'Laplace',
  params: PARAMS,
  support: () => real,
  eventShape: () => [],
  discrete: false,
  hasRsample: true,
  create: (p) => new Laplace(p.loc!, p.scale!),
  summary: 'Laplace(loc, scale): the double exponential',
};
