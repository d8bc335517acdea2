/**
 * Diagonal Gaussian components: p(x | c) = Normal(μ[c], σ[c]) over the D features of x.
 * Per component and feature, the maximizer is the weighted mean and variance
 *
 *   μ_kd = Σ_n r_kn x_nd / N_k,   σ²_kd = Σ_n r_kn (x_nd − μ_kd)² / N_k + ε,
 *
 * with ε the variance floor (scikit-learn's reg_covar), which keeps σ away from 0.
 */
import * as tf from '@tensorflow/tfjs';
import { exclusiveParam, gatheredParam, hasOnlyArgs } from '../graph-match.js';
import { componentCounts, dependsOnlyOn, observedData, setParam, warnCollapsed, weightedMeans, type Recognizer } from './update.js';

export const gaussianDiagonal: Recognizer = (graph, latent, factor) => {
  if (factor.family !== 'Normal' || !hasOnlyArgs(factor, ['loc', 'scale']) || !dependsOnlyOn(factor, latent)) return undefined;
  const x = observedData(graph, factor, ['real']);
  const mu = exclusiveParam(graph, gatheredParam(factor.args.loc, latent.id), factor);
  const sigma = exclusiveParam(graph, gatheredParam(factor.args.scale, latent.id), factor);
  if (!x || !mu || !sigma || factor.targetShape.length !== 1 || mu.type.kind !== 'real' || sigma.type.kind !== 'positive') return undefined;
  const [k, d] = mu.type.shape;
  if (mu.type.shape.length !== 2 || d !== factor.targetShape[0] || sigma.type.shape.join() !== [k, d].join()) return undefined;
  return {
    factor,
    params: [mu, sigma],
    rule: `${mu.name}_kd = Σ r x_d / N_k, ${sigma.name}²_kd = Σ r (x_d − ${mu.name}_kd)² / N_k + ε (Gaussian components, diagonal covariance)`,
    apply(ctx) {
      const counts = componentCounts(ctx.responsibilities);
      const [means, scales] = tf.tidy(() => {
        const r = ctx.responsibilities;
        const data = ctx.data(x) as tf.Tensor2D;
        const m = weightedMeans(r, data, counts);
        // E_r[(x − μ)²] = E_r[x²] − μ²; computed centered for float32 accuracy.
        const centered = data.expandDims(0).sub(m.expandDims(1));
        const variance = centered.square().mul(r.expandDims(2)).sum(1).div(counts.expandDims(1)).add(ctx.varianceFloor);
        return [m, variance.sqrt()];
      });
      setParam(ctx.store, mu, means);
      setParam(ctx.store, sigma, scales);
      warnCollapsed(ctx, counts, `'${mu.name}'/'${sigma.name}'`, `the variance floor ε = ${ctx.varianceFloor} keeps its scales positive`);
      tf.dispose([counts, means, scales]);
    },
    initialize(ctx) {
      const [means, scales] = tf.tidy(() => {
        const data = ctx.data(x) as tf.Tensor2D;
        const m = tf.gather(data, tf.tensor1d(ctx.seedRows(x, k!), 'int32'));
        const sd = tf.moments(data, 0).variance.add(ctx.varianceFloor).sqrt();
        return [m, sd.expandDims(0).tile([k!, 1])];
      });
      setParam(ctx.store, mu, means);
      setParam(ctx.store, sigma, scales);
      tf.dispose([means, scales]);
    },
  };
};
