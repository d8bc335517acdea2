/**
 * Bernoulli(probs p | logits l) on {0, 1}:
 *   log p(x) = x log p + (1 − x) log(1 − p) = x l − softplus(l).
 * Mean p, variance p(1 − p), entropy −p log p − (1 − p) log(1 − p).
 * Not reparameterizable; its support {0, 1} can be enumerated.
 */
import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '@tensorflow/tfjs';
import { softplus } from '../../numerics/index.js';
import type { Rng } from '../../runtime/rng.js';
import { boolean, probability, real } from '../constraints/index.js';
import { Distribution, type DistributionOptions } from '../distribution.js';
import type { FamilySpec, ParamSpec } from '../family.js';
import { xlogy } from '../ops.js';
import { resolveProbsOrLogits, type ProbsOrLogits, type Resolved } from './probs-or-logits.js';

const PARAMS: readonly ParamSpec[] = [
  { name: 'probs', constraint: probability, eventRank: 0 },
  { name: 'logits', constraint: real, eventRank: 0 },
];

export class Bernoulli extends Distribution {
  private readonly given: Resolved;

  constructor(args: ProbsOrLogits, options: DistributionOptions = {}) {
    const given = resolveProbsOrLogits('Bernoulli', args);
    super('Bernoulli', given.probs ? { probs: given.probs } : { logits: given.logits! }, PARAMS, [], options);
    this.given = given;
  }

  /** p, computed from the logits when those were given. */
  get probs(): Tensor {
    return this.given.probs ?? tf.sigmoid(this.given.logits!);
  }

  get support() {
    return boolean;
  }

  override get hasEnumerateSupport(): boolean {
    return true;
  }

  protected logProbUnchecked(x: Tensor): Tensor {
    return tf.tidy(() => {
      const { probs, logits } = this.given;
      if (logits) return tf.sub(tf.mul(x, logits), softplus(logits));
      return tf.add(xlogy(x, probs!), xlogy(tf.sub(1, x), tf.sub(1, probs!)));
    });
  }

  override sample(rng: Rng, sampleShape: readonly number[] = []): Tensor {
    return tf.tidy(() => tf.cast(tf.less(rng.uniform(this.extendedShape(sampleShape)), this.probs), 'float32'));
  }

  override get mean(): Tensor {
    return tf.tidy(() => tf.broadcastTo(this.probs, this.batchShape));
  }

  override get variance(): Tensor {
    return tf.tidy(() => {
      const p = this.probs;
      return tf.broadcastTo(tf.mul(p, tf.sub(1, p)), this.batchShape);
    });
  }

  override entropy(): Tensor {
    return tf.tidy(() => {
      const { logits } = this.given;
      const p = this.probs;
      // With logits: H = softplus(l) − l p, exact even where p rounds to 0 or 1.
      const h = logits ? tf.sub(softplus(logits), tf.mul(logits, p)) : tf.neg(tf.add(xlogy(p, p), xlogy(tf.sub(1, p), tf.sub(1, p))));
      return tf.broadcastTo(h, this.batchShape);
    });
  }

  override enumerateSupport(expand = true): Tensor {
    return tf.tidy(() => {
      const values = tf.reshape(tf.tensor1d([0, 1]), [2, ...this.batchShape.map(() => 1)]);
      return expand ? tf.broadcastTo(values, [2, ...this.batchShape]) : values;
    });
  }

  protected override withParams(p: Record<string, Tensor>): Bernoulli {
    return new Bernoulli({ probs: p.probs, logits: p.logits }, { validateArgs: this.validate });
  }
}

export const bernoulliFamily: FamilySpec = {
  name: 'Bernoulli',
  params: PARAMS,
  oneOf: [['probs', 'logits']],
  support: () => boolean,
  eventShape: () => [],
  discrete: true,
  hasRsample: false,
  create: (p) => new Bernoulli({ probs: p.probs, logits: p.logits }),
  summary: 'Bernoulli(probs | logits): a coin flip in {0, 1}',
};
