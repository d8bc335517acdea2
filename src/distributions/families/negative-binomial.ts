/**
 * NegativeBinomial(total_count r, probs p | logits l) on {0, 1, …}: the number of successes
 * (each with probability p) before the r-th failure, r > 0 real.
 *   log p(k) = lgamma(k + r) − lgamma(r) − lgamma(k + 1) + r log(1 − p) + k log p.
 * Mean rp/(1 − p), variance rp/(1 − p)². Sampled as Poisson(λ), λ ~ Gamma(r, (1 − p)/p).
 */
import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '@tensorflow/tfjs';
import { lgamma, softplus } from '../../numerics/index.js';
import type { Rng } from '../../runtime/rng.js';
import { implementFamily, negativeBinomialFamily } from '../builtins.js';
import { nonnegativeInteger } from '../constraints/index.js';
import { Distribution, type DistributionOptions } from '../distribution.js';
import { toFloat, xlogy, type TensorLike } from '../ops.js';
import { logStandardGammaArray } from '../samplers/gamma.js';
import { poissonDraw } from '../samplers/poisson.js';
import { resolveProbsOrLogits, type ProbsOrLogits, type Resolved } from './probs-or-logits.js';

export class NegativeBinomial extends Distribution {
  readonly totalCount: Tensor;
  private readonly given: Resolved;

  constructor(totalCount: TensorLike, args: ProbsOrLogits, options: DistributionOptions = {}) {
    const given = resolveProbsOrLogits('NegativeBinomial', args);
    const r = toFloat(totalCount);
    super('NegativeBinomial', given.probs ? { total_count: r, probs: given.probs } : { total_count: r, logits: given.logits! }, negativeBinomialFamily.params, [], options);
    this.totalCount = r;
    this.given = given;
  }

  get probs(): Tensor {
    return this.given.probs ?? tf.sigmoid(this.given.logits!);
  }

  get support() {
    return nonnegativeInteger;
  }

  protected logProbUnchecked(x: Tensor): Tensor {
    return tf.tidy(() => {
      const r = this.totalCount;
      const norm = tf.sub(tf.sub(lgamma(tf.add(x, r)), lgamma(r)), lgamma(tf.add(x, 1)));
      const { probs, logits } = this.given;
      // With logits: log p = −softplus(−l), log(1 − p) = −softplus(l).
      const body = logits
        ? tf.neg(tf.add(tf.mul(r, softplus(logits)), tf.mul(x, softplus(tf.neg(logits)))))
        : tf.add(tf.mul(r, tf.log1p(tf.neg(probs!))), xlogy(x, probs!));
      return tf.add(norm, body);
    });
  }

  override sample(rng: Rng, sampleShape: readonly number[] = []): Tensor {
    const shape = this.extendedShape(sampleShape);
    const [r, odds] = tf.tidy(() => {
      const p = this.probs;
      return [tf.broadcastTo(this.totalCount, shape), tf.broadcastTo(tf.div(p, tf.sub(1, p)), shape)];
    });
    const logG = logStandardGammaArray(r!.dataSync(), rng);
    const oddsHost = odds!.dataSync();
    r!.dispose();
    odds!.dispose();
    const draws = Float32Array.from(logG, (lg: number, i: number) => poissonDraw(Math.exp(lg) * oddsHost[i]!, rng));
    return tf.tensor(draws, shape, 'float32');
  }

  override get mean(): Tensor {
    return tf.tidy(() => {
      const p = this.probs;
      return tf.broadcastTo(tf.div(tf.mul(this.totalCount, p), tf.sub(1, p)), this.batchShape);
    });
  }

  override get variance(): Tensor {
    return tf.tidy(() => {
      const p = this.probs;
      return tf.broadcastTo(tf.div(tf.mul(this.totalCount, p), tf.square(tf.sub(1, p))), this.batchShape);
    });
  }

  protected override withParams(p: Record<string, Tensor>): NegativeBinomial {
    return new NegativeBinomial(p.total_count!, { probs: p.probs, logits: p.logits }, { validateArgs: this.validate });
  }
}

implementFamily(negativeBinomialFamily, (p) => new NegativeBinomial(p.total_count!, { probs: p.probs, logits: p.logits }));
