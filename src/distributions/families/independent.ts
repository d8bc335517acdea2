/**
 * Independent(base, n): reinterpret the rightmost n batch dims of `base` as event dims, so
 * log p(x) = Σ over those dims of base.logProb(x). A Normal with batch shape [K] becomes one
 * K-dimensional diagonal Gaussian: Independent(Normal(μ, σ), 1).
 */
import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '@tensorflow/tfjs';
import type { Rng } from '../../runtime/rng.js';
import { independent, type Constraint } from '../constraints/index.js';
import { Distribution, type DistributionOptions } from '../distribution.js';
import { sumRightmost } from '../ops.js';
import { formatShape } from '../shapes.js';
import { DistributionError } from '../validation.js';

export class Independent extends Distribution {
  constructor(
    readonly base: Distribution,
    readonly reinterpreted: number,
    options: DistributionOptions = {},
  ) {
    const b = base.batchShape;
    if (!Number.isInteger(reinterpreted) || reinterpreted < 0 || reinterpreted > b.length) {
      throw new DistributionError(
        `Independent: cannot reinterpret ${reinterpreted} dims of ${base.name} with batch shape ${formatShape(b)}`,
      );
    }
    const cut = b.length - reinterpreted;
    super(`Independent(${base.name}, ${reinterpreted})`, base.params, [], [...b.slice(cut), ...base.eventShape], {
      validateArgs: options.validateArgs ?? false,
      batchShape: b.slice(0, cut),
    });
  }

  get support(): Constraint {
    return independent(this.base.support, this.reinterpreted);
  }

  override get hasRsample(): boolean {
    return this.base.hasRsample;
  }

  override get hasEnumerateSupport(): boolean {
    return this.reinterpreted === 0 && this.base.hasEnumerateSupport;
  }

  /** The base validates values (in its own logProb) when its own validation is on. */
  protected logProbUnchecked(x: Tensor): Tensor {
    return tf.tidy(() => sumRightmost(this.base.logProb(x), this.reinterpreted));
  }

  override rsample(rng: Rng, sampleShape: readonly number[] = []): Tensor {
    return this.base.rsample(rng, sampleShape);
  }

  override sample(rng: Rng, sampleShape: readonly number[] = []): Tensor {
    return this.base.sample(rng, sampleShape);
  }

  override get mean(): Tensor {
    return this.base.mean;
  }

  override get variance(): Tensor {
    return this.base.variance;
  }

  override entropy(): Tensor {
    return tf.tidy(() => sumRightmost(this.base.entropy(), this.reinterpreted));
  }

  override enumerateSupport(expand = true): Tensor {
    if (this.reinterpreted > 0) {
      throw new DistributionError(`${this.name}: enumerating a product of supports is not supported; enumerate the base instead`);
    }
    return this.base.enumerateSupport(expand);
  }

  override expand(batchShape: readonly number[]): Independent {
    const reinterpretedDims = this.base.batchShape.slice(this.base.batchShape.length - this.reinterpreted);
    return new Independent(this.base.expand([...batchShape, ...reinterpretedDims]), this.reinterpreted);
  }
}
