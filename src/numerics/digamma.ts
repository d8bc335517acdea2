/**
 * ψ(x) = d/dx log Γ(x), the digamma function.
 */
import * as tf from '@tensorflow/tfjs';
import { elementwiseOp } from './elementwise-op.js';
import { BERNOULLI_EVEN, DIGAMMA_ROOT, DIGAMMA_ROOT_TAYLOR } from './constants.js';
import { horner } from './horner.js';
import { shiftUp } from './shift-up.js';
import { trigamma } from './trigamma.js';

// ψ(z) ~ log z − 1/(2z) − Σₖ B₂ₖ / (2k z²ᵏ), k = 1…4 (next term 1/(132 z¹⁰) < 1e-12 at z ≥ 10).
const ASYMPTOTIC = [0, ...BERNOULLI_EVEN.slice(0, 4).map((b, i) => -b / (2 * i + 2))];

// Within ¼ of the zero x₀ the recurrence would cancel to an absolute (not relative) error, so ψ is
// summed from its Taylor series about x₀, with x₀ split into float32 head + tail to keep t = x − x₀ exact.
const ROOT_RADIUS = 0.25;
const ROOT_HI = Math.fround(DIGAMMA_ROOT);
const ROOT_LO = DIGAMMA_ROOT - ROOT_HI;

/** ψ(x) for x > 0. */
function digammaPositive(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    // ψ(x) = ψ(x + n) − Σₖ 1/(x + k).
    const { z, sum } = shiftUp(x, (xk) => tf.reciprocal(xk));
    const w = tf.reciprocal(z);
    const asymptotic = tf.log(z).sub(w.mul(0.5)).add(horner(ASYMPTOTIC, w.square()));
    const shifted = asymptotic.sub(sum);

    const t = tf.clipByValue(x.sub(ROOT_HI).sub(ROOT_LO), -ROOT_RADIUS, ROOT_RADIUS);
    const nearRoot = t.mul(horner(DIGAMMA_ROOT_TAYLOR, t));
    return tf.where(x.sub(DIGAMMA_ROOT).abs().less(ROOT_RADIUS), nearRoot, shifted);
  });
}

function digammaValue(x: tf.Tensor): tf.Tensor {
  const positive = x.greater(0);
  const y = digammaPositive(tf.where(positive, x, tf.scalar(1).sub(x)));
  // Reflection: ψ(x) = ψ(1 − x) − π cot(πx), with cot evaluated at the exact fractional part.
  const r = x.sub(tf.round(x));
  return tf.where(positive, y, y.sub(tf.scalar(Math.PI).div(tf.tan(r.mul(Math.PI)))));
}

/**
 * ψ(x) elementwise; dψ/dx = ψ′(x) (`trigamma`).
 *
 * Method: upward recurrence ψ(x) = ψ(x + n) − Σ 1/(x + k) to x + n ≥ 10, then the asymptotic
 * series; a Taylor series about the zero x₀ ≈ 1.4616 for |x − x₀| < ¼; reflection for x < 0.
 *
 * @example digamma(tf.scalar(1)) // −γ ≈ −0.5772
 */
export const digamma: (x: tf.Tensor) => tf.Tensor = elementwiseOp(digammaValue, (x) => trigamma(x));
