/**
 * MultivariateNormal(loc μ ∈ ℝ^D, scale_tril L | covariance_matrix Σ): x = μ + L ε, ε ~ N(0, I_D),
 * Σ = L Lᵀ (a covariance given directly is factored once, differentiably).
 *   log p(x) = −½ ‖L⁻¹(x − μ)‖² − Σ_i log L_ii − (D/2) log 2π.
 * Mean μ, variance diag(Σ)_i = Σ_j L_ij², entropy (D/2)(1 + log 2π) + Σ_i log L_ii.
 */
import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '@tensorflow/tfjs';
import { cholesky, triangularSolve } from '../../numerics/index.js';
import type { Rng } from '../../runtime/rng.js';
import { implementFamily, multivariateNormalFamily } from '../builtins.js';
import { independent, positiveDefinite, real } from '../constraints/index.js';
import { Distribution, type DistributionOptions } from '../distribution.js';
import { toFloat, type TensorLike } from '../ops.js';
import { broadcastShapes, formatShape } from '../shapes.js';
import { assertSatisfies, DistributionError, validationEnabled } from '../validation.js';

const LOG_2PI = Math.log(2 * Math.PI);

export class MultivariateNormal extends Distribution {
  readonly loc: Tensor;
  readonly scaleTril: Tensor;

  constructor(loc: TensorLike, scaleTril: TensorLike, options: DistributionOptions = {}) {
    const p = { loc: toFloat(loc), scale_tril: toFloat(scaleTril) };
    const d = p.loc.shape[p.loc.rank - 1];
    super('MultivariateNormal', p, multivariateNormalFamily.params, d === undefined ? [] : [d], options);
    const l = p.scale_tril;
    if (l.shape[l.rank - 1] !== d || l.shape[l.rank - 2] !== d) {
      throw new DistributionError(
        `MultivariateNormal: parameter 'scale_tril' (shape ${formatShape(l.shape)}) must end in [${d}, ${d}] to match 'loc' (shape ${formatShape(p.loc.shape)})`,
      );
    }
    this.loc = p.loc;
    this.scaleTril = l;
  }

  /** The distribution with covariance Σ (validated as positive definite, then Cholesky-factored). */
  static fromCovariance(loc: TensorLike, covarianceMatrix: TensorLike, options: DistributionOptions = {}): MultivariateNormal {
    const cov = toFloat(covarianceMatrix);
    if (options.validateArgs ?? validationEnabled()) {
      assertSatisfies('MultivariateNormal', "parameter 'covariance_matrix'", cov, positiveDefinite);
    }
    return new MultivariateNormal(loc, cholesky(cov), options);
  }

  get support() {
    return independent(real, 1);
  }

  override get hasRsample(): boolean {
    return true;
  }

  protected logProbUnchecked(x: Tensor): Tensor {
    return tf.tidy(() => {
      const d = this.eventShape[0]!;
      const diff = tf.sub(x, this.loc);
      const batch = broadcastShapes(diff.shape.slice(0, -1), this.scaleTril.shape.slice(0, -2))!;
      const l = tf.broadcastTo(this.scaleTril, [...batch, d, d]);
      const w = triangularSolve(l, tf.expandDims(tf.broadcastTo(diff, [...batch, d]), -1), { lower: true });
      const mahalanobis = tf.sum(tf.square(w), [-2, -1]);
      return tf.sub(tf.mul(-0.5, tf.add(mahalanobis, d * LOG_2PI)), this.halfLogDet());
    });
  }

  override rsample(rng: Rng, sampleShape: readonly number[] = []): Tensor {
    return tf.tidy(() => {
      const eps = rng.normal(this.extendedShape(sampleShape));
      // (L ε)_i = Σ_j L_ij ε_j, written with broadcasting so any batch dims of L and ε line up.
      return tf.add(this.loc, tf.sum(tf.mul(this.scaleTril, tf.expandDims(eps, -2)), -1));
    });
  }

  override get mean(): Tensor {
    return tf.tidy(() => tf.broadcastTo(this.loc, [...this.batchShape, ...this.eventShape]));
  }

  override get variance(): Tensor {
    return tf.tidy(() => tf.broadcastTo(tf.sum(tf.square(this.scaleTril), -1), [...this.batchShape, ...this.eventShape]));
  }

  /** Σ = L Lᵀ, shape [...batch, D, D]. */
  get covarianceMatrix(): Tensor {
    return tf.tidy(() => {
      const d = this.eventShape[0]!;
      return tf.broadcastTo(tf.matMul(this.scaleTril, this.scaleTril, false, true), [...this.batchShape, d, d]);
    });
  }

  override entropy(): Tensor {
    return tf.tidy(() => {
      const d = this.eventShape[0]!;
      return tf.broadcastTo(tf.add(this.halfLogDet(), 0.5 * d * (1 + LOG_2PI)), this.batchShape);
    });
  }

  /** ½ log det Σ = Σ_i log L_ii. */
  halfLogDet(): Tensor {
    return tf.tidy(() => tf.sum(tf.log(tf.sum(tf.linalg.bandPart(this.scaleTril, 0, 0), -1)), -1));
  }

  protected override withParams(p: Record<string, Tensor>): MultivariateNormal {
    return new MultivariateNormal(p.loc!, p.scale_tril!, { validateArgs: this.validate });
  }
}

implementFamily(multivariateNormalFamily, (p) => (p.scale_tril ? new MultivariateNormal(p.loc!, p.scale_tril) : MultivariateNormal.fromCovariance(p.loc!, p.covariance_matrix!)));
