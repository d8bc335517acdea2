/**
 * TransformedDistribution(base, transforms): y = f(x) with x ~ base and f a bijection
 * (the composition of `transforms`). By the change of variables,
 *   log p(y) = log p_base(f⁻¹(y)) − log |det ∂f/∂x| at x = f⁻¹(y).
 * Reparameterized whenever the base is: gradients flow through f.
 */
import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '@tensorflow/tfjs';
import type { Rng } from '../../runtime/rng.js';
import { independent, type Constraint } from '../constraints/index.js';
import { Distribution, type DistributionOptions } from '../distribution.js';
import { sumRightmost } from '../ops.js';
import { ComposeTransform } from '../transforms/compose.js';
import type { Transform } from '../transforms/transform.js';

export class TransformedDistribution extends Distribution {
  readonly transform: Transform;
  /** Event rank measured on the base side (in the transform's input space). */
  private readonly inputEventRank: number;

  constructor(
    readonly base: Distribution,
    transforms: Transform | readonly Transform[],
    options: DistributionOptions = {},
  ) {
    const list = Array.isArray(transforms) ? transforms : [transforms as Transform];
    const t = list.length === 1 ? list[0]! : new ComposeTransform(list);
    const baseRank = base.eventShape.length;
    const inputRank = Math.max(t.domainEventRank, baseRank);
    const eventRank = inputRank + t.codomainEventRank - t.domainEventRank;
    const outShape = t.forwardShape([...base.batchShape, ...base.eventShape]);
    const cut = outShape.length - eventRank;
    super(`Transformed(${base.name})`, base.params, [], outShape.slice(cut), {
      validateArgs: options.validateArgs ?? false,
      batchShape: outShape.slice(0, cut),
    });
    this.transform = t;
    this.inputEventRank = inputRank;
  }

  get support(): Constraint {
    return independent(this.transform.codomain, this.eventShape.length - this.transform.codomainEventRank);
  }

  override get hasRsample(): boolean {
    return this.base.hasRsample;
  }

  protected logProbUnchecked(y: Tensor): Tensor {
    return tf.tidy(() => {
      const x = this.transform.inverse(y);
      const baseLp = sumRightmost(this.base.logProb(x), this.inputEventRank - this.base.eventShape.length);
      const ladj = sumRightmost(this.transform.logAbsDetJacobian(x, y), this.inputEventRank - this.transform.domainEventRank);
      return tf.sub(baseLp, ladj);
    });
  }

  override rsample(rng: Rng, sampleShape: readonly number[] = []): Tensor {
    return tf.tidy(() => this.transform.forward(this.base.rsample(rng, sampleShape)));
  }

  override sample(rng: Rng, sampleShape: readonly number[] = []): Tensor {
    return tf.tidy(() => this.transform.forward(this.base.sample(rng, sampleShape)));
  }

  override expand(batchShape: readonly number[]): TransformedDistribution {
    const extra = this.inputEventRank - this.base.eventShape.length;
    const kept = this.base.batchShape.slice(this.base.batchShape.length - extra);
    return new TransformedDistribution(this.base.expand([...batchShape, ...kept]), this.transform);
  }
}
