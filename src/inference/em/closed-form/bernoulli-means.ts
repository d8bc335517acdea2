/**
 * Bernoulli components: p(x | c) = Bernoulli(probs = θ[c]) over the D binary features of x.
 * The maximizer is the weighted mean of each feature, kept in [δ, 1 − δ]:
 *
 *   θ_kd = clamp(Σ_n r_kn x_nd / N_k, δ, 1 − δ).
 *
 * Σ_n r_kn log Bernoulli(x_nd | θ) is concave in θ_kd, so the clamped value is the maximizer
 * over the box and the update still never lowers the likelihood; the floor δ (probabilityFloor)
 * keeps log θ finite for a pixel a component has never seen on.
 */
import * as tf from '@tensorflow/tfjs';
import { exclusiveParam, gatheredParam, hasOnlyArgs } from '../graph-match.js';
import { componentCounts, componentDensity, dependsOnlyOn, observedData, setParam, warnCollapsed, weightedMeans, type Recognizer } from './update.js';

export const bernoulliMeans: Recognizer = (graph, latent, factor) => {
  if (factor.family !== 'Bernoulli' || !hasOnlyArgs(factor, ['probs']) || !dependsOnlyOn(factor, latent)) return undefined;
  const x = observedData(graph, factor, ['binary']);
  const theta = exclusiveParam(graph, gatheredParam(factor.args.probs, latent.id), factor);
  if (!x || !theta || theta.type.kind !== 'unit' || theta.type.shape.length !== 2 || factor.targetShape.length !== 1) return undefined;
  const [k, d] = theta.type.shape;
  if (d !== factor.targetShape[0]) return undefined;
  return {
    factor,
    params: [theta],
    rule: `${theta.name}_kd = clamp(Σ r x_d / N_k, δ, 1 − δ) (Bernoulli components)`,
    apply(ctx) {
      const counts = componentCounts(ctx.responsibilities);
      const value = tf.tidy(() => weightedMeans(ctx.responsibilities, ctx.data(x) as tf.Tensor2D, counts).clipByValue(ctx.probabilityFloor, 1 - ctx.probabilityFloor));
      setParam(ctx.store, theta, value);
      warnCollapsed(ctx, counts, `'${theta.name}'`, `its probabilities are held in [${ctx.probabilityFloor}, ${1 - ctx.probabilityFloor}]`);
      tf.dispose([counts, value]);
    },
    initialize(ctx) {
      // Seed rows pulled halfway to ½: distinct starting components, none at 0 or 1.
      const value = tf.tidy(() => tf.gather(ctx.data(x), tf.tensor1d(ctx.seedRows(x, k!), 'int32')).mul(0.5).add(0.25));
      setParam(ctx.store, theta, value);
      value.dispose();
    },
    componentDensity(store) {
      // Σ_d x_d log θ_kd + (1 − x_d) log(1 − θ_kd) = x · logit θ_k + Σ_d log(1 − θ_kd): one
      // [rows, D] × [D, K] product (θ is transposed once, not through matMul's slow transpose flags).
      const [logits, constant] = tf.tidy(() => {
        const t = store.globalValue(theta.id, 0).t as tf.Tensor2D;
        const log1m = tf.log1p(t.neg());
        return [t.log().sub(log1m).transpose(), log1m.sum(1).reshape([1, -1])];
      });
      return componentDensity([logits, constant], (data) => tf.matMul(data!, logits!).add(constant!) as tf.Tensor2D);
    },
  };
};
