/**
 * log(1 + x), accurate for tiny |x| on every backend.
 */
import * as tf from '@tensorflow/tfjs';
import { elementwiseOp } from './elementwise-op.js';

// The WASM backend evaluates tf.log1p as log(1 + x), which loses all digits for |x| < 1e-7.
// Goldberg's trick recovers them with ordinary float32 ops: with u = fl(1 + x),
// log(1 + x) = log(u) · x / (u − 1), exact to a few ulps because the rounding of u cancels.
function log1pValue(x: tf.Tensor): tf.Tensor {
  const u = x.add(1);
  const ratio = tf.log(u).mul(x.div(u.sub(1)));
  return tf.where(x.equal(Infinity), x, tf.where(u.equal(1), x, ratio));
}

/**
 * log(1 + x) elementwise, with gradient 1 / (1 + x).
 *
 * Relative error about 1 ulp for all x > −1, including |x| ≪ 1 where `log(1 + x)` would return 0.
 *
 * @example log1p(tf.scalar(1e-10)) // ≈ 1e-10
 */
export const log1p: (x: tf.Tensor) => tf.Tensor = elementwiseOp('log1p', log1pValue, (x) => tf.reciprocal(x.add(1)));
