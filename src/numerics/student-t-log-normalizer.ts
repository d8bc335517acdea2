/**
 * The ν-dependent constant of the Student-t log-density.
 */
import * as tf from '@tensorflow/tfjs';
import { asFloat } from './as-float.js';
import { BERNOULLI_EVEN, HALF_LOG_TWO_PI } from './constants.js';
import { horner } from './horner.js';
import { log1p } from './log1p.js';
import { shiftUp } from './shift-up.js';

// With h = ν/2 the normalizer is f(h) − ½ log 2π, where f(h) = log Γ(h + ½) − log Γ(h) − ½ log h
// has the asymptotic series Σₖ cₖ h^−(2k−1), cₖ = −(2 − 2^(1−2k)) B₂ₖ / (2k(2k−1)) (from the
// Bernoulli-polynomial form of Stirling's series, B₂ₖ(½) = −(1 − 2^(1−2k)) B₂ₖ):
// f(h) = −1/(8h) + 1/(192h³) − 1/(640h⁵) + 17/(14336h⁷) − …; 5 terms leave < 1e-12 for h ≥ 10.
const SERIES = BERNOULLI_EVEN.slice(0, 5).map((b, i) => {
  const n = 2 * i + 2;
  return (-(2 - 2 ** (1 - n)) * b) / (n * (n - 1));
});

/**
 * log Γ((ν + 1)/2) − log Γ(ν/2) − ½ log(νπ) elementwise for ν > 0 (NaN otherwise): the normalizing
 * constant of the Student-t density, to which log p(x) adds −log σ − (ν + 1)/2 · log1pSquareOver(z, ν).
 *
 * Method: never the difference of two log-gammas, which cancels catastrophically as ν grows (and,
 * differentiated, leaves ψ((ν+1)/2) − ψ(ν/2) − 1/ν to cancel too). Below h = ν/2 = 10 the recurrence
 * f(h) = f(h + n) + ½ log((h + n)/h) − Σₖ log1p(1/(2(h + k))) shifts h to z = h + n ≥ 10, where the
 * series above applies. ν = ∞ gives −½ log 2π, the Normal's constant. Differentiable in ν.
 *
 * @example studentTLogNormalizer(tf.scalar(1)) // −log π, the Cauchy normalizer
 */
export function studentTLogNormalizer(df: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const nu = asFloat('studentTLogNormalizer', 'df', df);
    // Masks use greaterEqual only: it is the one comparison tfjs can differentiate through.
    const invalid = tf.scalar(0).greaterEqual(nu);
    const h = tf.where(invalid, tf.onesLike(nu), nu.mul(0.5));
    const { z, sum } = shiftUp(h, (hk) => log1p(tf.reciprocal(hk.mul(2))));
    const w = tf.reciprocal(z);
    // ½ log(z/h), skipped (it is 0) when no shift happened, so that h = ∞ does not form ∞/∞.
    const shiftLog = tf.where(h.greaterEqual(z), tf.zerosLike(h), tf.log(z.div(h)).mul(0.5));
    const f = w.mul(horner(SERIES, w.square())).add(shiftLog).sub(sum);
    return tf.where(invalid, tf.fill(nu.shape, NaN), f.sub(HALF_LOG_TWO_PI));
  });
}
