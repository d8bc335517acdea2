/**
 * Argument checking and normalisation shared by the numerics ops.
 */
import * as tf from '@tensorflow/tfjs';

/** Throws a TypeError naming the op and the argument unless `value` is a tf.Tensor. */
export function assertTensor(op: string, name: string, value: unknown): asserts value is tf.Tensor {
  if (!(value instanceof tf.Tensor)) {
    const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
    throw new TypeError(`${op}: expected ${name} to be a tf.Tensor, got ${got}`);
  }
}

/** The tensor as float32 (integer and boolean tensors are cast; float32 passes through untouched). */
export function asFloat(op: string, name: string, value: unknown): tf.Tensor {
  assertTensor(op, name, value);
  return value.dtype === 'float32' ? value : value.toFloat();
}
