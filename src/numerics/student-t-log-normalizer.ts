/**
 * The ν-dependent constant of the Student-t log-density.
 */
import * as tf from '@tensorflow/tfjs';
import { asFloat } from './as-float.js';
import { BERNOULLI_EVEN, HALF_LOG_TWO_PI } from './constants.js';
import { horner } from './horner.js';
import { lgamma } from './lgamma.js';

// With h = ν/2, the normalizer equals f(h) − ½ log 2π where f(h) = log Γ(h + ½) − log Γ(h) − ½ log h
// has the asymptotic series Σₖ cₖ h^−(2k−1), cₖ = −(2 − 2^(1−2k)) B₂ₖ / (2k(2k−1)) (from the
// Bernoulli-polynomial form of Stirling's series, B₂ₖ(½) = −(1 − 2^(1−2k)) B₂ₖ):
// f(h) = −1/(8h) + 1/(192h³) − 1/(640h⁵) + 17/(14336h⁷) − …; 5 terms leave < 1e-11 for h ≥ 8.
const SERIES = BERNOULLI_EVEN.slice(0, 5).map((b, i) => {
  const n = 2 * i + 2;
  return (-(2 - 2 ** (1 - n)) * b) / (n * (n - 1));
});
const SERIES_MIN = 8;

/**
 * log Γ((ν + 1)/2) − log Γ(ν/2) − ½ log(νπ) elementwise for ν > 0 (NaN otherwise): the normalizing
 * constant of the Student-t density, to which log p(x) adds −log σ − (ν + 1)/2 · log1p(z²/ν).
 *
 * For ν ≥ 16 it is evaluated from the asymptotic series above instead of the difference of two
 * log-gammas, which would cancel catastrophically; ν = ∞ gives −½ log 2π, the Normal's constant.
 * Differentiable in ν through the branch used.
 *
 * @example studentTLogNormalizer(tf.scalar(1)) // −log π, the Cauchy normalizer
 */
export function studentTLogNormalizer(df: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const nu = asFloat(df);
    const h = nu.mul(0.5);
    const hs = tf.minimum(h, SERIES_MIN);
    const direct = lgamma(hs.add(0.5))
      .sub(lgamma(hs))
      .sub(tf.log(hs.mul(2 * Math.PI)).mul(0.5));
    const w = tf.reciprocal(tf.maximum(h, SERIES_MIN));
    const asymptotic = w.mul(horner(SERIES, w.square())).sub(HALF_LOG_TWO_PI);
    const value = tf.where(h.less(SERIES_MIN), direct, asymptotic);
    return tf.where(nu.greater(0), value, tf.fill(value.shape, NaN));
  });
}
