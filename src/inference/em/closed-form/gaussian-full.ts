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
import { componentCounts, componentDensity, dependsOnlyOn, observedData, setParam, warnCollapsed, weightedMeans, type Recognizer } from './update.js';

export const gaussianFull: Recognizer = (graph, latent, factor) => {
  if (factor.family !== 'MultivariateNormal' || !hasOnlyArgs(factor, ['loc', 'scale_tril']) || !dependsOnlyOn(factor, latent)) return undefined;
  const x = observedData(graph, factor, ['real']);
  const mu = exclusiveParam(graph, gatheredParam(factor.args.loc, latent.id), factor);
  const chol = exclusiveParam(graph, gatheredParam(factor.args.scale_tril, latent.id), factor);
  if (!x || !mu || !chol || factor.targetShape.length !== 1 || mu.type.kind !== 'real' || chol.type.kind !== 'cholesky') return undefined;
  const [k, d] = mu.type.shape;
  if (mu.type.shape.length !== 2 || d !== factor.targetShape[0] || chol.type.shape.join() !== [k, d, d].join()) return undefined;
  const eye = () => tf.eye(d!).expandDims(0);
  const pairs = upperTriangle(d!);
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
        // All K weighted second moments in one [K, N] × [N, D(D+1)/2] product over the rows'
        // outer products (their upper triangles: fixed, so made once), taken about the data mean x̄
        // so that subtracting the means' outer products cancels little:
        // Σ_k = S_k / N_k − (μ_k − x̄)(μ_k − x̄)ᵀ.
        const shift = ctx.derived(`${x}/mean`, d!, () => data.mean(0));
        const outer = ctx.derived(`${x}/outer`, data.shape[0] * pairs.first.length, () => {
          // Columns picked by one-hot products (exact; WASM's column gather is ~50× slower).
          const c = data.sub(shift);
          const pick = (columns: number[]) => tf.matMul(c, selection(d!, columns));
          return pick(pairs.first).mul(pick(pairs.second));
        });
        const offset = m.sub(shift);
        const upper = tf.matMul(r, outer).div(counts.expandDims(1));
        const second = tf.gather(upper, pairs.ofEntry, 1).reshape([k!, d!, d!]);
        const cov = second.sub(offset.expandDims(2).mul(offset.expandDims(1))).add(eye().mul(ctx.varianceFloor));
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
    componentDensity(store) {
      // Whiten with the K inverse factors at once: row n of X [L_1⁻ᵀ … L_K⁻ᵀ] minus μ_k L_k⁻ᵀ is
      // (L_k⁻¹(x_n − μ_k))ᵀ, so one [rows, D] × [D, K·D] product gives every Mahalanobis term.
      const [stacked, offsets, constant] = tf.tidy(() => {
        const l = store.globalValue(chol.id, 0).t as tf.Tensor3D;
        const m = store.globalValue(mu.id, 0).t as tf.Tensor2D;
        const inverseT = triangularSolve(l, eye().tile([k!, 1, 1]), { lower: true }).transpose([0, 2, 1]) as tf.Tensor3D; // [K, D, D]
        const halfLogDet = tf.log(tf.linalg.bandPart(l, 0, 0).sum(2)).sum(1);
        return [
          inverseT.transpose([1, 0, 2]).reshape([d!, k! * d!]),
          tf.matMul(m.expandDims(1) as tf.Tensor3D, inverseT).reshape([1, k!, d!]),
          halfLogDet.add((d! / 2) * Math.log(2 * Math.PI)).reshape([1, k!]).neg(),
        ];
      });
      return componentDensity([stacked, offsets, constant], (data) => {
        const whitened = tf.matMul(data!, stacked).reshape([-1, k!, d!]).sub(offsets!);
        return whitened.square().sum(2).mul(-0.5).add(constant!) as tf.Tensor2D;
      });
    },
  };
};

/** The D(D+1)/2 index pairs i ≤ j, and for each entry (i, j) of a D×D matrix the pair holding it. */
function upperTriangle(d: number): { first: number[]; second: number[]; ofEntry: number[] } {
  const first: number[] = [];
  const second: number[] = [];
  const index: number[][] = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      index[i]![j] = index[j]![i] = first.length;
      first.push(i);
      second.push(j);
    }
  }
  return { first, second, ofEntry: index.flat() };
}

/** The D × columns.length matrix whose column j is the unit vector e_{columns[j]}. */
function selection(d: number, columns: readonly number[]): tf.Tensor2D {
  const m = new Float32Array(d * columns.length);
  columns.forEach((i, j) => (m[i * columns.length + j] = 1));
  return tf.tensor2d(m, [d, columns.length]);
}
