/**
 * softplus(x) = log(1 + eˣ).
 */
import * as tf from '@tensorflow/tfjs';
import { elementwiseOp } from './elementwise-op.js';
import { log1p } from './log1p.js';

// log(1 + eˣ) = max(x, 0) + log1p(e^−|x|): the exponential never overflows and tiny results
// (x ≪ 0, where softplus ≈ eˣ) keep their relative accuracy.
function softplusValue(x: tf.Tensor): tf.Tensor {
  return tf.relu(x).add(log1p(tf.exp(tf.abs(x).neg())));
}

/**
 * log(1 + eˣ) elementwise, stable for every x (softplus(1e4) = 1e4, softplus(−100) = e⁻¹⁰⁰ ≈ 3.7e-44);
 * d/dx softplus(x) = σ(x), the logistic sigmoid.
 *
 * @example softplus(tf.scalar(0)) // log 2
 */
export const softplus: (x: tf.Tensor) => tf.Tensor = elementwiseOp(softplusValue, (x) => tf.sigmoid(x));
