/**
 * log(1 − eˣ) for x ≤ 0.
 */
import * as tf from '@tensorflow/tfjs';
import { elementwiseOp } from './elementwise-op.js';
import { log1p } from './log1p.js';

// Mächler (2012), "Accurately computing log(1 − exp(−|a|))": for −log 2 < x ≤ 0, eˣ is near 1 and
// log(−expm1(x)) is accurate; below, eˣ is small and log1p(−eˣ) is.
function log1mExpValue(x: tf.Tensor): tf.Tensor {
  return tf.where(x.greater(-Math.LN2), tf.log(tf.expm1(x).neg()), log1p(tf.exp(x).neg()));
}

// d/dx log(1 − eˣ) = eˣ/expm1(x), negative for every x < 0; writing it as −|eˣ/expm1(x)| makes
// x = ±0 give −∞ whatever the sign of the zero, and keeps tiny values (≈ −eˣ) for x ≪ 0.
function log1mExpDerivative(x: tf.Tensor): tf.Tensor {
  return tf.abs(tf.exp(x).div(tf.expm1(x))).neg();
}

/**
 * log(1 − eˣ) elementwise for x ≤ 0 (−∞ at 0, NaN for x > 0), accurate to float32 relative precision
 * near 0 and for x ≪ 0. Used for log-probabilities of complements, e.g. log P(X > t) from log P(X ≤ t).
 *
 * @example log1mExp(tf.scalar(-Math.LN2)) // log ½
 */
export const log1mExp: (x: tf.Tensor) => tf.Tensor = elementwiseOp('log1mExp', log1mExpValue, log1mExpDerivative);
