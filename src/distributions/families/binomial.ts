/**
 * Binomial(total_count n = 1, probs p | logits l) on {0, …, n}:
 *   log p(k) = lgamma(n + 1) − lgamma(k + 1) − lgamma(n − k + 1) + k log p + (n − k) log(1 − p),
 * where with logits k log p + (n − k) log(1 − p) = k l − n softplus(l).
 * Mean np, variance np(1 − p). Sampled on the host (see `samplers/binomial.ts`).
 */
import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '@tensorflow/tfjs';
import { lgamma, softplus } from '../../numerics/index.js';
import type { Rng } from '../../runtime/rng.js';
import { binomialFamily, implementFamily } from '../builtins.js';
import { IntegerInterval, integerInterval, nonnegativeInteger, type Constraint } from '../constraints/index.js';
import { Distribution, type DistributionOptions } from '../distribution.js';
import { toFloat, xlogy, type TensorLike } from '../ops.js';
import { binomialArray } from '../samplers/binomial.js';
import { formatShape, unravelIndex } from '../shapes.js';
import { DistributionError } from '../validation.js';
import { resolveProbsOrLogits, type ProbsOrLogits, type Resolved } from './probs-or-logits.js';

export class Binomial extends Distribution {
  readonly totalCount: Tensor;
  private readonly given: Resolved;

  constructor(totalCount: TensorLike, args: ProbsOrLogits, options: DistributionOptions = {}) {
    const given = resolveProbsOrLogits('Binomial', args);
    const n = toFloat(totalCount);
    super('Binomial', given.probs ? { total_count: n, probs: given.probs } : { total_count: n, logits: given.logits! }, binomialFamily.params, [], options);
    this.totalCount = n;
    this.given = given;
  }

  get probs(): Tensor {
    return this.given.probs ?? tf.sigmoid(this.given.logits!);
  }

  /** {0, …, n} for a single total count, else the non-negative integers (checked per element). */
  get support(): Constraint {
    const counts = this.totalCount.dataSync();
    const max = Math.max(...counts);
    return counts.every((c) => c === max) ? integerInterval(0, max) : nonnegativeInteger;
  }

  /** Enumerable when the whole batch shares one total count. */
  override get hasEnumerateSupport(): boolean {
    const support = this.support;
    return support instanceof IntegerInterval && support.upper !== Infinity;
  }

  protected logProbUnchecked(x: Tensor): Tensor {
    return tf.tidy(() => {
      const n = this.totalCount;
      const logChoose = tf.sub(tf.sub(lgamma(tf.add(n, 1)), lgamma(tf.add(x, 1))), lgamma(tf.add(tf.sub(n, x), 1)));
      const { probs, logits } = this.given;
      const body = logits
        ? tf.sub(tf.mul(x, logits), tf.mul(n, softplus(logits)))
        : tf.add(xlogy(x, probs!), xlogy(tf.sub(n, x), tf.sub(1, probs!)));
      const lp = tf.add(logChoose, body);
      // Counts above n have probability 0 (reached only with validation off).
      return tf.where(tf.greater(x, n), tf.fill(lp.shape, -Infinity), lp);
    });
  }

  override sample(rng: Rng, sampleShape: readonly number[] = []): Tensor {
    const shape = this.extendedShape(sampleShape);
    const [n, p] = tf.tidy(() => [tf.broadcastTo(this.totalCount, shape), tf.broadcastTo(this.probs, shape)]);
    const draws = binomialArray(n!.dataSync(), p!.dataSync(), rng);
    n!.dispose();
    p!.dispose();
    return tf.tensor(draws, shape, 'float32');
  }

  override get mean(): Tensor {
    return tf.tidy(() => tf.broadcastTo(tf.mul(this.totalCount, this.probs), this.batchShape));
  }

  override get variance(): Tensor {
    return tf.tidy(() => {
      const p = this.probs;
      return tf.broadcastTo(tf.mul(this.totalCount, tf.mul(p, tf.sub(1, p))), this.batchShape);
    });
  }

  /** The values 0 … n; needs one total count shared by the whole batch. */
  override enumerateSupport(expand = true): Tensor {
    const support = this.support;
    if (!this.hasEnumerateSupport || !(support instanceof IntegerInterval)) {
      throw new DistributionError('Binomial: enumerateSupport needs the same total_count for every batch element');
    }
    const k = support.upper + 1;
    return tf.tidy(() => {
      const values = tf.reshape(tf.range(0, k, 1, 'float32'), [k, ...this.batchShape.map(() => 1)]);
      return expand ? tf.broadcastTo(values, [k, ...this.batchShape]) : values;
    });
  }

  protected override withParams(p: Record<string, Tensor>): Binomial {
    return new Binomial(p.total_count!, { probs: p.probs, logits: p.logits }, { validateArgs: this.validate });
  }

  /** Counts must not exceed their own batch element's total count. */
  protected override validateValue(x: Tensor): void {
    super.validateValue(x);
    const ok = tf.tidy(() => tf.lessEqual(x, this.totalCount));
    const flags = ok.dataSync();
    const shape = ok.shape;
    ok.dispose();
    const bad = flags.findIndex((f) => !f);
    if (bad >= 0) {
      throw new DistributionError(
        `Binomial: value (shape ${formatShape(x.shape)}) must not exceed total_count, but found a count above it at index ${formatShape(unravelIndex(bad, shape))}`,
      );
    }
  }
}

implementFamily(binomialFamily, (p) => new Binomial(p.total_count ?? 1, { probs: p.probs, logits: p.logits }));
