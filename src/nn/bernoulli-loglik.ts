/**
 * The Bernoulli log-likelihood of observations x ∈ [0, 1] under logits l, summed over the last
 * axis (the negative of torch's binary_cross_entropy_with_logits with reduction 'sum' per row):
 *
 *   log p(x | l) = Σ_j x_j l_j − softplus(l_j),      ∂/∂l_j = x_j − σ(l_j).
 *
 * One custom-gradient op: the composite's autodiff makes about nine passes over [..., D]
 * (broadcasting the sum's gradient through a `ones` tensor, negations, softplus' own gradient);
 * this backward makes three (sigmoid, subtract, scale). x is treated as data: no gradient flows
 * to it. x broadcasts against l (e.g. x [B, D] with l [k, B, D]).
 */
import * as tf from '@tensorflow/tfjs';

export function bernoulliLogLik(logits: tf.Tensor, x: tf.Tensor): tf.Tensor {
  const d = logits.shape[logits.rank - 1];
  if (x.rank < 1 || x.shape[x.rank - 1] !== d) {
    throw new RangeError(`bernoulliLogLik: observations of shape [${x.shape}] do not match logits of shape [${logits.shape}]`);
  }
  const op = tf.customGrad(((l: tf.Tensor, save: tf.GradSaveFunc) => {
    save([l]);
    const value = tf.sum(tf.sub(tf.mul(x, l), tf.softplus(l)), -1);
    return {
      value,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [ls] = saved as [tf.Tensor];
        return tf.mul(tf.sub(x, tf.sigmoid(ls)), tf.expandDims(dy, -1));
      },
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  return op(logits);
}
