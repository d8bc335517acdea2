/**
 * Shape alignment for two-argument ops.
 */
import * as tf from '@tensorflow/tfjs';
import { asFloat } from './as-float.js';

/** Both tensors as float32, broadcast to their common shape; throws naming `op` and both shapes if incompatible. */
export function broadcastPair(op: string, a: tf.Tensor, b: tf.Tensor): [tf.Tensor, tf.Tensor] {
  let shape: number[];
  try {
    shape = tf.backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
  } catch {
    throw new RangeError(`${op}: shapes [${a.shape.join(', ')}] and [${b.shape.join(', ')}] do not broadcast`);
  }
  return [asFloat(a).broadcastTo(shape), asFloat(b).broadcastTo(shape)];
}
