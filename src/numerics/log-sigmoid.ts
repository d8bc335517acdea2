/**
 * log σ(x) = −log(1 + e⁻ˣ), the log of the logistic sigmoid.
 */
import * as tf from '@tensorflow/tfjs';
import { asFloat } from './as-float.js';
import { softplus } from './softplus.js';

/**
 * log σ(x) = −softplus(−x) elementwise, stable for every x (log σ(−1e4) = −1e4, not −∞);
 * d/dx log σ(x) = σ(−x) = 1 − σ(x).
 *
 * @example logSigmoid(tf.scalar(0)) // −log 2
 */
export function logSigmoid(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => softplus(asFloat('logSigmoid', 'x', x).neg()).neg());
}
