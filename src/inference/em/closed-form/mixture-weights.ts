/**
 * Mixture weights: p(c) = Categorical(π) with π a simplex parameter used nowhere else, or, for a
 * binary latent, p(b) = Bernoulli(π) with π a unit-interval parameter.
 * argmax_π Σ_n Σ_k r_kn log π_k subject to Σ_k π_k = 1 is π_k = N_k / N (Bernoulli: π = N_1 / N).
 */
import * as tf from '@tensorflow/tfjs';
import { exclusiveParam, hasOnlyArgs, refId } from '../graph-match.js';
import { componentDensity, setParam, type Recognizer } from './update.js';

export const mixtureWeights: Recognizer = (graph, latent, factor) => {
  if (factor.id !== latent.priorFactor || !hasOnlyArgs(factor, ['probs'])) return undefined;
  const pi = exclusiveParam(graph, refId(factor.args.probs), factor);
  const categorical = factor.family === 'Categorical' && pi?.type.kind === 'simplex' && pi.type.shape.length === 1;
  const bernoulli = factor.family === 'Bernoulli' && latent.type.kind === 'binary' && pi?.type.kind === 'unit' && pi.type.shape.length === 0;
  if (!pi || !(categorical || bernoulli)) return undefined;
  const k = categorical ? pi.type.shape[0]! : 2;
  return {
    factor,
    params: [pi],
    rule: categorical ? `${pi.name}_k = N_k / N (mixture weights)` : `${pi.name} = N_1 / N (probability of the binary latent)`,
    apply(ctx) {
      // A weight of exactly 0 (or 1) has no unconstrained value; 1e-12 keeps it representable.
      const value = tf.tidy(() => {
        const w = tf.maximum(ctx.responsibilities.sum(1), 1e-12 * ctx.responsibilities.shape[1]);
        const normalized = w.div(w.sum());
        return categorical ? normalized : normalized.slice([1], [1]).reshape([]);
      });
      setParam(ctx.store, pi, value);
      value.dispose();
    },
    componentDensity(store) {
      // log p(c = k) = log π_k for every row alike: [1, K], added by broadcasting.
      const logPrior = tf.tidy(() => {
        const p = store.globalValue(pi.id, 0).t;
        return (categorical ? p : tf.stack([tf.sub(1, p), p])).log().reshape([1, k]) as tf.Tensor2D;
      });
      return componentDensity([logPrior], () => logPrior.clone());
    },
    initialize(ctx) {
      const uniform = categorical ? tf.fill([k], 1 / k) : tf.scalar(0.5);
      setParam(ctx.store, pi, uniform);
      uniform.dispose();
    },
  };
};
