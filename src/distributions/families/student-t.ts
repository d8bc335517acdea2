/**
 * StudentT(df ν, loc μ = 0, scale s = 1):
 *   log p(x) = lgamma((ν+1)/2) − lgamma(ν/2) − ½ log(νπ) − log s − (ν+1)/2 · log(1 + ((x − μ)/s)²/ν).
 * Mean μ (ν > 1), variance s²ν/(ν − 2) (ν > 2; ∞ for 1 < ν ≤ 2), entropy
 * (ν+1)/2 (ψ((ν+1)/2) − ψ(ν/2)) + ½ log ν + log B(ν/2, ½) + log s.
 * Reparameterized: x = μ + s ε √(ν / (2G)), ε ~ N(0, 1), G ~ Gamma(ν/2, 1) (so 2G ~ χ²_ν),
 * with the implicit Gamma gradient carrying d/dν.
 */
import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '@tensorflow/tfjs';
import { digamma, log1pSquareOver, logBeta, studentTLogNormalizer } from '../../numerics/index.js';
import type { Rng } from '../../runtime/rng.js';
import { implementFamily, studentTFamily } from '../builtins.js';
import { real } from '../constraints/index.js';
import { Distribution, type DistributionOptions } from '../distribution.js';
import { toFloat, type TensorLike } from '../ops.js';
import { rsampleLogStandardGamma } from '../samplers/gamma.js';

export class StudentT extends Distribution {
  readonly df: Tensor;
  readonly loc: Tensor;
  readonly scale: Tensor;

  constructor(df: TensorLike, loc: TensorLike = 0, scale: TensorLike = 1, options: DistributionOptions = {}) {
    const p = { df: toFloat(df), loc: toFloat(loc), scale: toFloat(scale) };
    super('StudentT', p, studentTFamily.params, [], options);
    this.df = p.df;
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
      const tail = tf.mul(tf.div(tf.add(this.df, 1), 2), log1pSquareOver(z, this.df));
      return tf.sub(tf.sub(studentTLogNormalizer(this.df), tf.log(this.scale)), tail);
    });
  }

  override rsample(rng: Rng, sampleShape: readonly number[] = []): Tensor {
    return tf.tidy(() => {
      const shape = this.extendedShape(sampleShape);
      const logG = rsampleLogStandardGamma(tf.broadcastTo(tf.div(this.df, 2), shape), rng);
      const eps = rng.normal(shape);
      // √(ν / (2G)) = exp(½ (log ν − log 2 − log G)), stable for tiny G.
      const factor = tf.exp(tf.mul(0.5, tf.sub(tf.sub(tf.log(this.df), Math.LN2), logG)));
      return tf.add(this.loc, tf.mul(this.scale, tf.mul(eps, factor)));
    });
  }

  override get mean(): Tensor {
    return tf.tidy(() => {
      const df = tf.broadcastTo(this.df, this.batchShape);
      return tf.where(tf.greater(df, 1), tf.broadcastTo(this.loc, this.batchShape), tf.fill(this.batchShape, NaN));
    });
  }

  override get variance(): Tensor {
    return tf.tidy(() => {
      const df = tf.broadcastTo(this.df, this.batchShape);
      const finite = tf.div(tf.mul(tf.square(this.scale), df), tf.sub(df, 2));
      const beyond = tf.where(tf.greater(df, 1), tf.fill(this.batchShape, Infinity), tf.fill(this.batchShape, NaN));
      return tf.where(tf.greater(df, 2), tf.broadcastTo(finite, this.batchShape), beyond);
    });
  }

  override entropy(): Tensor {
    return tf.tidy(() => {
      const half = tf.div(this.df, 2);
      const halfPlus = tf.div(tf.add(this.df, 1), 2);
      const h = tf.add(
        tf.add(tf.mul(halfPlus, tf.sub(digamma(halfPlus), digamma(half))), tf.mul(0.5, tf.log(this.df))),
        tf.add(logBeta(half, tf.scalar(0.5)), tf.log(this.scale)),
      );
      return tf.broadcastTo(h, this.batchShape);
    });
  }

  protected override withParams(p: Record<string, Tensor>): StudentT {
    return new StudentT(p.df!, p.loc!, p.scale!, { validateArgs: this.validate });
  }
}

implementFamily(studentTFamily, (p) => new StudentT(p.df!, p.loc ?? 0, p.scale ?? 1));
