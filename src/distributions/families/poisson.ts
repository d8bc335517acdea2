/**
 * Poisson(rate λ) on {0, 1, 2, …}: log p(k) = k log λ − λ − lgamma(k + 1).
 * Mean λ, variance λ. Sampled on the host (see `samplers/poisson.ts`).
 */
import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '@tensorflow/tfjs';
import { lgamma } from '../../numerics/index.js';
import type { Rng } from '../../runtime/rng.js';
import { implementFamily, poissonFamily } from '../builtins.js';
import { nonnegativeInteger } from '../constraints/index.js';
import { Distribution, type DistributionOptions } from '../distribution.js';
import { toFloat, xlogy, type TensorLike } from '../ops.js';
import { poissonArray } from '../samplers/poisson.js';

export class Poisson extends Distribution {
  readonly rate: Tensor;

  constructor(rate: TensorLike, options: DistributionOptions = {}) {
    const p = { rate: toFloat(rate) };
    super('Poisson', p, poissonFamily.params, [], options);
    this.rate = p.rate;
  }

  get support() {
    return nonnegativeInteger;
  }

  protected logProbUnchecked(x: Tensor): Tensor {
    return tf.tidy(() => tf.sub(tf.sub(xlogy(x, this.rate), this.rate), lgamma(tf.add(x, 1))));
  }

  override sample(rng: Rng, sampleShape: readonly number[] = []): Tensor {
    const shape = this.extendedShape(sampleShape);
    const rate = tf.tidy(() => tf.broadcastTo(this.rate, shape));
    const draws = poissonArray(rate.dataSync(), rng);
    rate.dispose();
    return tf.tensor(draws, shape, 'float32');
  }

  override get mean(): Tensor {
    return tf.tidy(() => tf.broadcastTo(this.rate, this.batchShape));
  }

  override get variance(): Tensor {
    return tf.tidy(() => tf.broadcastTo(this.rate, this.batchShape));
  }

  protected override withParams(p: Record<string, Tensor>): Poisson {
    return new Poisson(p.rate!, { validateArgs: this.validate });
  }
}

implementFamily(poissonFamily, (p) => new Poisson(p.rate!));
