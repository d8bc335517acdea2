/**
 * Delta(v): a point mass at v, the guide of MAP / maximum-likelihood estimation.
 * log p(x) = 0 if x = v else −∞ (plus an optional constant `logDensity`, e.g. a Jacobian).
 * Its "draw" is v itself, so pathwise gradients reach v; mean v, variance 0, and entropy 0 by
 * the same counting-measure convention as `logProb`.
 */
import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '@tensorflow/tfjs';
import type { Rng } from '../../runtime/rng.js';
import { deltaFamily, implementFamily } from '../builtins.js';
import { independent, real, type Constraint } from '../constraints/index.js';
import { Distribution, type DistributionOptions } from '../distribution.js';
import { sumRightmost, toFloat, type TensorLike } from '../ops.js';

export interface DeltaOptions extends DistributionOptions {
  /** Trailing dims of `v` that form one event (0: a point mass per element). */
  readonly eventRank?: number;
  /** A constant added to the log-density at v. */
  readonly logDensity?: number;
}

export class Delta extends Distribution {
  readonly v: Tensor;
  private readonly options: DeltaOptions;

  constructor(v: TensorLike, options: DeltaOptions = {}) {
    const value = toFloat(v);
    const rank = options.eventRank ?? 0;
    super('Delta', { v: value }, [{ ...deltaFamily.params[0]!, eventRank: rank }], value.shape.slice(value.rank - rank), options);
    this.v = value;
    this.options = options;
  }

  get support(): Constraint {
    return independent(real, this.eventShape.length);
  }

  override get hasRsample(): boolean {
    return true;
  }

  protected logProbUnchecked(x: Tensor): Tensor {
    return tf.tidy(() => {
      const mismatches = sumRightmost(tf.cast(tf.notEqual(x, this.v), 'float32'), this.eventShape.length);
      const at = tf.fill(mismatches.shape, this.options.logDensity ?? 0);
      return tf.where(tf.equal(mismatches, 0), at, tf.fill(mismatches.shape, -Infinity));
    });
  }

  override rsample(_rng: Rng, sampleShape: readonly number[] = []): Tensor {
    return tf.tidy(() => tf.broadcastTo(this.v, this.extendedShape(sampleShape)));
  }

  override get mean(): Tensor {
    return tf.tidy(() => tf.broadcastTo(this.v, [...this.batchShape, ...this.eventShape]));
  }

  override get variance(): Tensor {
    return tf.zeros([...this.batchShape, ...this.eventShape]);
  }

  override entropy(): Tensor {
    return tf.zeros(this.batchShape);
  }

  protected override withParams(p: Record<string, Tensor>): Delta {
    return new Delta(p.v!, { ...this.options, validateArgs: this.validate });
  }
}

implementFamily(deltaFamily, (p) => new Delta(p.v!));
