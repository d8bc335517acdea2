/**
 * Cauchy(loc μ, scale s): log p(x) = −log π − log s − log(1 + ((x − μ)/s)²).
 * The mean is undefined (NaN) and the variance infinite; entropy log(4π s).
 * Reparameterized: x = μ + s tan(π(u − ½)), u ~ U(0, 1).
 */
import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '@tensorflow/tfjs';
import { log1pSquareOver } from '../../numerics/index.js';
import type { Rng } from '../../runtime/rng.js';
import { positive, real } from '../constraints/index.js';
import { Distribution, type DistributionOptions } from '../distribution.js';
import type { FamilySpec, ParamSpec } from '../family.js';
import { toFloat, type TensorLike } from '../ops.js';

const PARAMS: readonly ParamSpec[] = [
  { name: 'loc', constraint: real, eventRank: 0 },
  { name: 'scale', constraint: positive, eventRank: 0 },
];

export class Cauchy extends Distribution {
  readonly loc: Tensor;
  readonly scale: Tensor;

  constructor(loc: TensorLike, scale: TensorLike, options: DistributionOptions = {}) {
    const p = { loc: toFloat(loc), scale: toFloat(scale) };
    super('Cauchy', p, PARAMS, [], options);
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
      return tf.sub(tf.sub(-Math.log(Math.PI), tf.log(this.scale)), log1pSquareOver(z, tf.scalar(1)));
    });
  }

  override rsample(rng: Rng, sampleShape: readonly number[] = []): Tensor {
    return tf.tidy(() => {
      const u = rng.uniform(this.extendedShape(sampleShape));
      return tf.add(this.loc, tf.mul(this.scale, tf.tan(tf.mul(Math.PI, tf.sub(u, 0.5)))));
    });
  }

  override get mean(): Tensor {
    return tf.fill(this.batchShape, NaN);
  }

  override get variance(): Tensor {
    return tf.fill(this.batchShape, Infinity);
  }

  override entropy(): Tensor {
    return tf.tidy(() => tf.broadcastTo(tf.add(tf.log(this.scale), Math.log(4 * Math.PI)), this.batchShape));
  }

  protected override withParams(p: Record<string, Tensor>): Cauchy {
    return new Cauchy(p.loc!, p.scale!, { validateArgs: this.validate });
  }
}

export const cauchyFamily: FamilySpec = {
  name: 'Cauchy',
  params: PARAMS,
  support: () => real,
  eventShape: () => [],
  discrete: false,
  hasRsample: true,
  create: (p) => new Cauchy(p.loc!, p.scale!),
  summary: 'Cauchy(loc, scale): heavy tails, no mean',
};
