/**
 * Mixture weights: p(c) = Categorical(π) with π a simplex parameter used nowhere else.
 * argmax_π Σ_n Σ_k r_kn log π_k subject to Σ_k π_k = 1 is π_k = N_k / N.
 */
import * as tf from '@tensorflow/tfjs';
import { exclusiveParam, hasOnlyArgs, refId } from '../graph-match.js';
import { setParam, type Recognizer } from './update.js';

export const mixtureWeights: Recognizer = (graph, latent, factor) => {
  if (factor.id !== latent.priorFactor || factor.family !== 'Categorical' || !hasOnlyArgs(factor, ['probs'])) return undefined;
  const pi = exclusiveParam(graph, refId(factor.args.probs), factor);
  if (!pi || pi.type.kind !== 'simplex' || pi.type.shape.length !== 1) return undefined;
  const k = pi.type.shape[0]!;
  return {
    factor,
    params: [pi],
    rule: `${pi.name}_k = N_k / N (mixture weights)`,
    apply(ctx) {
      // A weight of exactly 0 has no unconstrained value; 1e-12 keeps the component representable.
      const value = tf.tidy(() => {
        const w = tf.maximum(ctx.responsibilities.sum(1), 1e-12 * ctx.responsibilities.shape[1]);
        return w.div(w.sum());
      });
      setParam(ctx.store, pi, value);
      value.dispose();
    },
    initialize(ctx) {
      const uniform = tf.fill([k], 1 / k);
      setParam(ctx.store, pi, uniform);
      uniform.dispose();
    },
  };
};
