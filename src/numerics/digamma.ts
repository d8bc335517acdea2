/**
 * ψ(x) = d/dx log Γ(x), the digamma function.
 */
import * as tf from '@tensorflow/tfjs';
import { BERNOULLI_EVEN, DIGAMMA_ROOT, DIGAMMA_ROOT_TAYLOR } from './constants.js';
import { elementwiseOp } from './elementwise-op.js';
import { horner } from './horner.js';
import { DIGAMMA_2_TAYLOR, reduceAboutTwo } from './lgamma-taylor.js';
import { ASYMPTOTIC_MIN } from './shift-up.js';
import { sinCosPi } from './sin-pi.js';
import { trigamma } from './trigamma.js';

// ψ(z) ~ log z − 1/(2z) − Σₖ B₂ₖ / (2k z²ᵏ), k = 1…4 (next term 1/(132 z¹⁰) < 1e-12 at z ≥ 10).
const ASYMPTOTIC = [0, ...BERNOULLI_EVEN.slice(0, 4).map((b, i) => -b / (2 * i + 2))];

// Within ¼ of the zero x₀ any reduction would cancel to an absolute (not relative) error, so ψ is
// summed from its Taylor series about x₀, with x₀ split into float32 head + tail to keep t = x − x₀ exact.
const ROOT_RADIUS = 0.25;
const ROOT_HI = Math.fround(DIGAMMA_ROOT);
const ROOT_LO = DIGAMMA_ROOT - ROOT_HI;

/** ψ(x) for x > 0 (other entries produce garbage that the caller masks). */
function digammaPositive(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const xBig = tf.maximum(x, ASYMPTOTIC_MIN);
    const w = tf.reciprocal(xBig);
    const asymptotic = tf.log(xBig).sub(w.mul(0.5)).add(horner(ASYMPTOTIC, w.square()));

    // Below 10, ψ(x) = ψ(2 + t) + correction, from ψ(x) = ψ(x + 1) − 1/x below 1.5, and for
    // 2.5 ≤ x < 10 from ψ(x) = ψ(x − n) + Σₖ₌₁ⁿ 1/(x − k), where ψ(x − n) > 0 and nothing cancels (an
    // upward recurrence would subtract from ψ(x + n) ≈ 2.3 and lose digits).
    const { t, steps, used } = reduceAboutTwo(x, ASYMPTOTIC_MIN);
    const series = horner(DIGAMMA_2_TAYLOR, t);
    const downward = tf.where(used, tf.reciprocal(steps), tf.zerosLike(steps)).sum(-1);
    const correction = tf.where(
      x.less(0.5),
      tf.reciprocal(x).add(tf.reciprocal(x.add(1))).neg(),
      tf.where(x.less(1.5), tf.reciprocal(x).neg(), tf.where(x.less(2.5), tf.zerosLike(x), downward)),
    );
    const reduced = tf.where(x.greaterEqual(ASYMPTOTIC_MIN), asymptotic, series.add(correction));

    const r = tf.clipByValue(x.sub(ROOT_HI).sub(ROOT_LO), -ROOT_RADIUS, ROOT_RADIUS);
    const nearRoot = r.mul(horner(DIGAMMA_ROOT_TAYLOR, r));
    return tf.where(x.sub(DIGAMMA_ROOT).abs().less(ROOT_RADIUS), nearRoot, reduced);
  });
}

function digammaValue(x: tf.Tensor): tf.Tensor {
  const positive = x.greater(0);
  const y = digammaPositive(tf.where(positive, x, tf.scalar(1).sub(x)));
  // Reflection: ψ(x) = ψ(1 − x) − π cot(πx), with cot = cos/sin at the exact fractional part r, both
  // relatively accurate (tan(πr) would sit on its float32 pole at r = ±½, where cot vanishes).
  const [sin, cos] = sinCosPi(x.sub(tf.round(x)));
  return tf.where(positive, y, y.sub(cos.div(sin).mul(Math.PI)));
}

/**
 * ψ(x) elementwise; dψ/dx = ψ′(x) (`trigamma`).
 *
 * Method: the asymptotic series for x ≥ 10; below, a Taylor series of ψ(2 + t), |t| ≤ ½, reached by
 * the downward recurrence ψ(x) = ψ(x − 1) + 1/(x − 1) (2.5 ≤ x < 10) or ψ(x) = ψ(x + 1) − 1/x
 * (x < 1.5); a Taylor series about the zero x₀ ≈ 1.4616 for |x − x₀| < ¼; reflection for x < 0.
 * Poles (0, −1, −2, …) give ±∞ or NaN.
 *
 * @example digamma(tf.scalar(1)) // −γ ≈ −0.5772
 */
export const digamma: (x: tf.Tensor) => tf.Tensor = elementwiseOp('digamma', digammaValue, (x) => trigamma(x));
