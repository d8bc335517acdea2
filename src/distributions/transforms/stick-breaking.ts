/**
 * Stick-breaking: ℝ^{K−1} → the K-simplex.
 *
 * With offsets so that u = 0 maps to the uniform vector, z_i = σ(u_i − log(K − 1 − i)) is the
 * fraction broken off the remaining stick: x_i = z_i Π_{j<i}(1 − z_j), x_K = Π_{j<K}(1 − z_j).
 * The Jacobian of u ↦ (x_1 … x_{K−1}) is triangular, so
 *   log |det J| = Σ_i [log z_i + log(1 − z_i) + log Π_{j<i}(1 − z_j)].
 * Everything runs in log space (log(1 − z) = −softplus(ũ)) to avoid underflow for large K.
 */
import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '@tensorflow/tfjs';
import { logSigmoid, softplus } from '../../numerics/index.js';
import { independent, real, simplex } from '../constraints/index.js';
import { Transform } from './transform.js';

export class StickBreakingTransform extends Transform {
  readonly name = 'StickBreaking';
  readonly domain = independent(real, 1);
  readonly codomain = simplex;

  forward(u: Tensor): Tensor {
    return tf.tidy(() => {
      const shifted = tf.sub(u, offsets(u));
      const logZ = logSigmoid(shifted);
      const logRest = tf.neg(softplus(shifted));
      // log of the stick left before each break (exclusive cumulative sum; tf.cumsum needs a
      // non-negative axis), and after the last one.
      const before = tf.cumsum(logRest, logRest.rank - 1, true);
      const last = tf.sum(logRest, -1, true);
      return tf.exp(tf.concat([tf.add(logZ, before), last], -1));
    });
  }

  inverse(y: Tensor): Tensor {
    return tf.tidy(() => {
      const k = y.shape[y.rank - 1]!;
      const head = tf.slice(y, new Array(y.rank).fill(0), [...y.shape.slice(0, -1), k - 1]);
      // Remaining stick after each break: 1 − Σ_{j≤i} x_j. The clamp guards float32 cancellation.
      const rest = tf.maximum(tf.sub(1, tf.cumsum(head, head.rank - 1)), 1e-38);
      const shifted = tf.sub(tf.log(head), tf.log(rest));
      return tf.add(shifted, offsets(shifted));
    });
  }

  logAbsDetJacobian(u: Tensor): Tensor {
    return tf.tidy(() => {
      const shifted = tf.sub(u, offsets(u));
      const logRest = tf.neg(softplus(shifted));
      const before = tf.cumsum(logRest, logRest.rank - 1, true);
      return tf.sum(tf.add(tf.add(logSigmoid(shifted), logRest), before), -1);
    });
  }

  override forwardShape(shape: readonly number[]): number[] {
    return [...shape.slice(0, -1), shape[shape.length - 1]! + 1];
  }

  override inverseShape(shape: readonly number[]): number[] {
    return [...shape.slice(0, -1), shape[shape.length - 1]! - 1];
  }
}

/** log(K − 1 − i) for i = 0 … K − 2, shaped to broadcast over the last dim of `u`. */
function offsets(u: Tensor): Tensor {
  const n = u.shape[u.rank - 1]!;
  return tf.tensor1d(Array.from({ length: n }, (_, i) => Math.log(n - i)));
}
