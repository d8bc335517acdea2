/**
 * Categorical(probs p ∈ simplex^K | logits l ∈ ℝ^K) on {0, …, K − 1}:
 *   log p(x = k) = log p_k = l_k − logsumexp(l).
 * Entropy −Σ p_k log p_k. Sampled by inverting the CDF; its support can be enumerated.
 */
import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '@tensorflow/tfjs';
import { logSumExp } from '../../numerics/index.js';
import type { Rng } from '../../runtime/rng.js';
import { categoricalFamily, implementFamily } from '../builtins.js';
import { integerInterval, type Constraint } from '../constraints/index.js';
import { Distribution, type DistributionOptions } from '../distribution.js';
import { resolveProbsOrLogits, type ProbsOrLogits } from './probs-or-logits.js';

export class Categorical extends Distribution {
  /** Normalized log-probabilities, shape [...batch, K]. */
  readonly logProbs: Tensor;
  readonly numCategories: number;

  constructor(args: ProbsOrLogits, options: DistributionOptions = {}) {
    const given = resolveProbsOrLogits('Categorical', args);
    super('Categorical', given.probs ? { probs: given.probs } : { logits: given.logits! }, categoricalFamily.params, [], options);
    const t = given.probs ?? given.logits!;
    this.numCategories = t.shape[t.rank - 1]!;
    this.logProbs = tf.tidy(() =>
      given.probs ? tf.log(tf.div(given.probs, tf.sum(given.probs, -1, true))) : tf.sub(given.logits!, logSumExp(given.logits!, -1, true)),
    );
  }

  get probs(): Tensor {
    return tf.exp(this.logProbs);
  }

  get support(): Constraint {
    return integerInterval(0, this.numCategories - 1);
  }

  override get hasEnumerateSupport(): boolean {
    return true;
  }

  protected logProbUnchecked(x: Tensor): Tensor {
    return tf.tidy(() => {
      const hit = tf.cast(tf.oneHot(tf.cast(x, 'int32'), this.numCategories), 'bool');
      // where, not multiply: a zero-probability category has log p = −∞ and 0 · −∞ would be NaN.
      return tf.sum(tf.where(hit, this.logProbs, tf.zerosLike(this.logProbs)), -1);
    });
  }

  override sample(rng: Rng, sampleShape: readonly number[] = []): Tensor {
    return tf.tidy(() => {
      // tf.cumsum mishandles negative axes, so name the last axis explicitly.
      const cdf = tf.cumsum(tf.exp(this.logProbs), this.logProbs.rank - 1);
      const u = rng.uniform([...this.extendedShape(sampleShape), 1]);
      // The category is the number of CDF values below u; the clamp guards a total that rounds below 1.
      const k = tf.sum(tf.cast(tf.greater(u, cdf), 'float32'), -1);
      return tf.minimum(k, this.numCategories - 1);
    });
  }

  override entropy(): Tensor {
    return tf.tidy(() => {
      const p = tf.exp(this.logProbs);
      const terms = tf.where(tf.equal(p, 0), tf.zerosLike(p), tf.mul(p, this.logProbs));
      return tf.broadcastTo(tf.neg(tf.sum(terms, -1)), this.batchShape);
    });
  }

  override enumerateSupport(expand = true): Tensor {
    return tf.tidy(() => {
      const k = this.numCategories;
      const values = tf.reshape(tf.range(0, k, 1, 'float32'), [k, ...this.batchShape.map(() => 1)]);
      return expand ? tf.broadcastTo(values, [k, ...this.batchShape]) : values;
    });
  }

  protected override withParams(p: Record<string, Tensor>): Categorical {
    return new Categorical({ probs: p.probs, logits: p.logits }, { validateArgs: this.validate });
  }
}

implementFamily(categoricalFamily, (p) => new Categorical({ probs: p.probs, logits: p.logits }));
