/**
 * Normal(loc μ, scale σ): log p(x) = −(x − μ)²/(2σ²) − log σ − ½ log 2π.
 * Reparameterized: x = μ + σ ε, ε ~ N(0, 1). Mean μ, variance σ², entropy ½ log(2πe σ²).
 */
import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '@tensorflow/tfjs';
import type { Rng } from '../../runtime/rng.js';
import { positive, real } from '../constraints/index.js';
import { Distribution, type DistributionOptions } from '../distribution.js';
import type { FamilySpec, ParamSpec } from '../family.js';
import { toFloat, type TensorLike } from '../ops.js';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

const PARAMS: readonly ParamSpec[] = [
  { name: 'loc', constraint: real, eventRank: 0 },
  { name: 'scale', constraint: positive, eventRank: 0 },
];

export class Normal extends Distribution {
  readonly loc: Tensor;
  readonly scale: Tensor;

  constructor(loc: TensorLike, scale: TensorLike, options: DistributionOptions = {}) {
    const p = { loc: toFloat(loc), scale: toFloat(scale) };
    super('Normal', p, PARAMS, [], options);
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
      return tf.sub(tf.sub(tf.mul(-0.5, tf.square(z)), tf.log(this.scale)), HALF_LOG_2PI);
    });
  }

  override rsample(rng: Rng, sampleShape: readonly number[] = []): Tensor {
    return tf.tidy(() => tf.add(this.loc, tf.mul(this.scale, rng.normal(this.extendedShape(sampleShape)))));
  }

  override get mean(): Tensor {
    return tf.tidy(() => tf.broadcastTo(this.loc, this.batchShape));
  }

  override get variance(): Tensor {
    return tf.tidy(() => tf.broadcastTo(tf.square(this.scale), this.batchShape));
  }

  override entropy(): Tensor {
    return tf.tidy(() => tf.broadcastTo(tf.add(tf.log(this.scale), 0.5 + HALF_LOG_2PI), this.batchShape));
  }

  protected override withParams(p: Record<string, Tensor>): Normal {
    return new Normal(p.loc!, p.scale!, { validateArgs: this.validate });
  }
}

export const normalFamily: FamilySpec = {
  name: 'Normal',
  params: PARAMS,
  support: () => real,
  eventShape: () => [],
  discrete: false,
  hasRsample: true,
  create: (p) => new Normal(p.loc!, p.scale!),
  summary: 'Normal(loc, scale): the Gaussian on the real line',
};
