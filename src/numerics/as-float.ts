/**
 * Input normalisation shared by the numerics ops.
 */
import * as tf from '@tensorflow/tfjs';

/** The tensor as float32 (integer and boolean tensors are cast; float32 passes through untouched). */
export function asFloat(x: tf.Tensor): tf.Tensor {
  if (!(x instanceof tf.Tensor)) throw new TypeError(`expected a tf.Tensor, got ${typeof x}`);
  return x.dtype === 'float32' ? x : x.toFloat();
}
