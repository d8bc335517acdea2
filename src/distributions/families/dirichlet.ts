/**
 * Dirichlet(concentration α ∈ (0, ∞)^K) on the K-simplex:
 *   log p(x) = Σ (α_i − 1) log x_i + lgamma(α₀) − Σ lgamma(α_i),  α₀ = Σ α_i.
 * Mean α/α₀, variance α_i(α₀ − α_i)/(α₀²(α₀ + 1)),
 * entropy Σ lgamma(α_i) − lgamma(α₀) + (α₀ − K)ψ(α₀) − Σ (α_i − 1)ψ(α_i).
 * Reparameterized: x = softmax(log G) with G_i ~ Gamma(α_i, 1) implicitly reparameterized.
 */
import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '@tensorflow/tfjs';
import { digamma, lgamma } from '../../numerics/index.js';
import type { Rng } from '../../runtime/rng.js';
import { dirichletFamily, implementFamily } from '../builtins.js';
import { simplex } from '../constraints/index.js';
import { Distribution, type DistributionOptions } from '../distribution.js';
import { FLOAT32_TINY, toFloat, type TensorLike } from '../ops.js';
import { rsampleLogStandardGamma } from '../samplers/gamma.js';

export class Dirichlet extends Distribution {
  readonly concentration: Tensor;

  constructor(concentration: TensorLike, options: DistributionOptions = {}) {
    const p = { concentration: toFloat(concentration) };
    super('Dirichlet', p, dirichletFamily.params, p.concentration.shape.slice(-1), options);
    this.concentration = p.concentration;
  }

  get support() {
    return simplex;
  }

  override get hasRsample(): boolean {
    return true;
  }

  protected logProbUnchecked(x: Tensor): Tensor {
    return tf.tidy(() => {
      const a = this.concentration;
      const body = tf.sum(tf.mul(tf.sub(a, 1), tf.log(x)), -1);
      return tf.add(body, tf.sub(lgamma(tf.sum(a, -1)), tf.sum(lgamma(a), -1)));
    });
  }

  override rsample(rng: Rng, sampleShape: readonly number[] = []): Tensor {
    return tf.tidy(() => {
      const logG = rsampleLogStandardGamma(tf.broadcastTo(this.concentration, this.extendedShape(sampleShape)), rng);
      // Components that underflow float32 are kept at the smallest normal value, as for Beta.
      return tf.clipByValue(tf.softmax(logG, -1), FLOAT32_TINY, 1);
    });
  }

  override get mean(): Tensor {
    return tf.tidy(() => tf.broadcastTo(tf.div(this.concentration, tf.sum(this.concentration, -1, true)), this.fullShape()));
  }

  override get variance(): Tensor {
    return tf.tidy(() => {
      const a = this.concentration;
      const a0 = tf.sum(a, -1, true);
      return tf.broadcastTo(tf.div(tf.mul(a, tf.sub(a0, a)), tf.mul(tf.square(a0), tf.add(a0, 1))), this.fullShape());
    });
  }

  override entropy(): Tensor {
    return tf.tidy(() => {
      const a = this.concentration;
      const k = a.shape[a.rank - 1]!;
      const a0 = tf.sum(a, -1);
      const logB = tf.sub(tf.sum(lgamma(a), -1), lgamma(a0));
      const h = tf.sub(tf.add(logB, tf.mul(tf.sub(a0, k), digamma(a0))), tf.sum(tf.mul(tf.sub(a, 1), digamma(a)), -1));
      return tf.broadcastTo(h, this.batchShape);
    });
  }

  protected override withParams(p: Record<string, Tensor>): Dirichlet {
    return new Dirichlet(p.concentration!, { validateArgs: this.validate });
  }

  private fullShape(): number[] {
    return [...this.batchShape, ...this.eventShape];
  }
}

implementFamily(dirichletFamily, (p) => new Dirichlet(p.concentration!));
