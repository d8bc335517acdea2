/**
 * log |Γ(x)|, the log-gamma function.
 */
import * as tf from '@tensorflow/tfjs';
import { elementwiseOp } from './elementwise-op.js';
import { HALF_LOG_TWO_PI } from './constants.js';
import { digamma } from './digamma.js';
import { horner } from './horner.js';
import { LGAMMA_2_TAYLOR, reduceAboutTwo } from './lgamma-taylor.js';
import { log1p } from './log1p.js';
import { sinPi } from './sin-pi.js';
import { STIRLING_MIN, stirlingCorrection } from './stirling-correction.js';

/** log Γ(x) for x > 0 (other entries produce garbage that the caller masks). */
function lgammaPositive(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    // x ≥ 4: Stirling, written (x − ½)(log x − 1) − ½ so that x = ∞ gives ∞, not ∞ − ∞.
    const xBig = tf.maximum(x, STIRLING_MIN);
    const stirling = xBig.sub(0.5).mul(tf.log(xBig).sub(1)).sub(0.5 - HALF_LOG_TWO_PI).add(stirlingCorrection(xBig));

    // Below 4, log Γ(x) = log Γ(2 + t) + correction:
    // x < ½: log Γ(2 + x) − log(1 + x) − log x;   ½ ≤ x < 1.5: log Γ(2 + t) − log(1 + t);
    // 2.5 ≤ x < 4: log Γ(x − n) + log[(x − 1)…(x − n)], every term positive.
    const { t, steps } = reduceAboutTwo(x, STIRLING_MIN);
    const series = horner(LGAMMA_2_TAYLOR, t);
    const logProduct = tf.log(steps.prod(-1));
    const minusLog1p = log1p(t).neg();
    const correction = tf.where(
      x.less(0.5),
      minusLog1p.sub(tf.log(x)),
      tf.where(x.less(1.5), minusLog1p, tf.where(x.less(2.5), tf.zerosLike(x), logProduct)),
    );
    return tf.where(x.greaterEqual(STIRLING_MIN), stirling, series.add(correction));
  });
}

function lgammaValue(x: tf.Tensor): tf.Tensor {
  const positive = x.greater(0);
  // Reflection: log|Γ(x)| = log π − log|sin πx| − log Γ(1 − x). sin πx is evaluated at the
  // fractional part r = x − round(x) (exact), since π·x itself would lose the phase for large |x|.
  const y = lgammaPositive(tf.where(positive, x, tf.scalar(1).sub(x)));
  const logSin = tf.log(tf.abs(sinPi(x.sub(tf.round(x)))));
  return tf.where(positive, y, tf.scalar(Math.log(Math.PI)).sub(logSin).sub(y));
}

/**
 * log |Γ(x)| elementwise; d/dx log Γ(x) = ψ(x) (`digamma`).
 *
 * Method: Taylor series about 2 for x < 2.5 (with log Γ(x) = log Γ(x + 1) − log x below 1.5),
 * downward recurrence onto [1.5, 2.5) for 2.5 ≤ x < 4, Stirling's series for x ≥ 4, and the
 * reflection formula for x < 0. Poles (0, −1, −2, …) give +∞.
 *
 * @example lgamma(tf.tensor([0.5, 10])) // [log √π, log 9!] ≈ [0.5724, 12.8018]
 */
export const lgamma: (x: tf.Tensor) => tf.Tensor = elementwiseOp('lgamma', lgammaValue, (x) => digamma(x));
