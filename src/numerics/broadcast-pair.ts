/**
 * Shape alignment for two-argument ops.
 */
import * as tf from '@tensorflow/tfjs';
import { asFloat, assertTensor } from './as-float.js';

/**
 * Both tensors as float32, broadcast to their common shape; throws naming `op` (and the argument
 * `names`) for a non-tensor, and both shapes if they do not broadcast.
 */
export function broadcastPair(op: string, names: [string, string], a: tf.Tensor, b: tf.Tensor): [tf.Tensor, tf.Tensor] {
  assertTensor(op, names[0], a);
  assertTensor(op, names[1], b);
  let shape: number[];
  try {
    shape = tf.backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
  } catch {
    throw new RangeError(`${op}: shapes [${a.shape.join(', ')}] and [${b.shape.join(', ')}] do not broadcast`);
  }
  return [asFloat(op, names[0], a).broadcastTo(shape), asFloat(op, names[1], b).broadcastTo(shape)];
}
