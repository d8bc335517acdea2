/**
 * Full-covariance Gaussian components: p(x | c) = MultivariateNormal(μ[c], scale_tril = L[c]).
 * The maximizer of Σ_n r_kn log N(x_n | μ_k, L_k L_kᵀ) is the weighted mean and covariance
 *
 *   μ_k = Σ_n r_kn x_n / N_k,   Σ_k = Σ_n r_kn (x_n − μ_k)(x_n − μ_k)ᵀ / N_k + ε I,   L_k = chol(Σ_k),
 *
 * where ε (the variance floor, scikit-learn's reg_covar) keeps Σ_k positive definite when a
 * component shrinks onto fewer than D + 1 points.
 */
import * as tf from '@tensorflow/tfjs';
import { cholesky, triangularSolve } from '../../../numerics/index.js';
import { exclusiveParam, gatheredParam, hasOnlyArgs } from '../graph-match.js';
import { componentCounts, dependsOnlyOn, observedData, setParam, warnCollapsed, weightedMeans, type Recognizer } from './update.js';

export const gaussianFull: Recognizer = (graph, latent, factor) => {
  if (factor.family !== 'MultivariateNormal' || !hasOnlyArgs(factor, ['loc', 'scale_tril']) || !dependsOnlyOn(factor, latent)) return undefined;
  const x = observedData(graph, factor, ['real']);
  const mu = exclusiveParam(graph, gatheredParam(factor.args.loc, latent.id), factor);
  const chol = exclusiveParam(graph, gatheredParam(factor.args.scale_tril, latent.id), factor);
  if (!x || !mu || !chol || factor.targetShape.length !== 1 || mu.type.kind !== 'real' || chol.type.kind !== 'cholesky') return undefined;
  const [k, d] = mu.type.shape;
  if (mu.type.shape.length !== 2 || d !== factor.targetShape[0] || chol.type.shape.join() !== [k, d, d].join()) return undefined;
  const eye = () => tf.eye(d!).expandDims(0);
  return {
    factor,
    params: [mu, chol],
    rule: `${mu.name}_k = Σ r x / N_k, ${chol.name}_k = chol(Σ r (x − ${mu.name}_k)(x − ${mu.name}_k)ᵀ / N_k + εI) (Gaussian components, full covariance)`,
    apply(ctx) {
      const counts = componentCounts(ctx.responsibilities);
      const [means, factors] = tf.tidy(() => {
        const r = ctx.responsibilities;
        const data = ctx.data(x) as tf.Tensor2D;
        const m = weightedMeans(r, data, counts);
        const centered = data.expandDims(0).sub(m.expandDims(1)); // [K, N, D]
        const weighted = centered.mul(r.expandDims(2));
        const cov = tf.matMul(weighted, centered, true, false).div(counts.reshape([-1, 1, 1])).add(eye().mul(ctx.varianceFloor));
        return [m, cholesky(cov)];
      });
      setParam(ctx.store, mu, means);
      setParam(ctx.store, chol, factors);
      warnCollapsed(ctx, counts, `'${mu.name}'/'${chol.name}'`, `the variance floor ε = ${ctx.varianceFloor} keeps its covariance positive definite`);
      tf.dispose([counts, means, factors]);
    },
    initialize(ctx) {
      // Means at k-means++ seeds, every covariance the data's (plus the floor).
      const [means, factors] = tf.tidy(() => {
        const data = ctx.data(x) as tf.Tensor2D;
        const m = tf.gather(data, tf.tensor1d(ctx.seedRows(x, k!), 'int32'));
        const centered = data.sub(data.mean(0));
        const cov = tf.matMul(centered, centered, true, false).div(data.shape[0]).add(tf.eye(d!).mul(ctx.varianceFloor));
        return [m, cholesky(cov.expandDims(0).tile([k!, 1, 1]))];
      });
      setParam(ctx.store, mu, means);
      setParam(ctx.store, chol, factors);
      tf.dispose([means, factors]);
    },
    logDensity(store, data) {
      // Whiten with the K inverse factors at once: row n of X [L_1⁻ᵀ … L_K⁻ᵀ] minus μ_k L_k⁻ᵀ is
      // (L_k⁻¹(x_n − μ_k))ᵀ, so one [rows, D] × [D, K·D] product gives every Mahalanobis term.
      return tf.tidy(() => {
        const l = store.globalValue(chol.id, 0).t as tf.Tensor3D;
        const m = store.globalValue(mu.id, 0).t as tf.Tensor2D;
        const inverseT = triangularSolve(l, eye().tile([k!, 1, 1]), { lower: true }).transpose([0, 2, 1]) as tf.Tensor3D; // [K, D, D]
        const stacked = inverseT.transpose([1, 0, 2]).reshape([d!, k! * d!]);
        const offsets = tf.matMul(m.expandDims(1) as tf.Tensor3D, inverseT).reshape([1, k!, d!]);
        const whitened = tf.matMul(data, stacked).reshape([-1, k!, d!]).sub(offsets);
        const halfLogDet = tf.log(tf.linalg.bandPart(l, 0, 0).sum(2)).sum(1);
        return whitened.square().sum(2).transpose().add(d! * Math.log(2 * Math.PI)).mul(-0.5).sub(halfLogDet.expandDims(1)) as tf.Tensor2D;
      });
    },
  };
};
