/**
 * The upward recurrence shared by polygamma and the Student-t normalizer, vectorized over a trailing axis.
 */
import * as tf from '@tensorflow/tfjs';

/** Threshold above which the asymptotic series of ψ and ψ⁽ⁿ⁾ are used: their omitted terms are negligible in float32 there. */
export const ASYMPTOTIC_MIN = 10;

/**
 * For x > 0, the shifted argument z = x + n ≥ 10 (n = number of k ≥ 0 with x + k < 10) and
 * Σₖ₌₀ⁿ⁻¹ f(x + k), computed as one batch of 10 candidate terms with the unused ones masked out
 * (no per-element loop).
 */
export function shiftUp(x: tf.Tensor, f: (xk: tf.Tensor) => tf.Tensor): { z: tf.Tensor; sum: tf.Tensor } {
  return tf.tidy(() => {
    const xk = x.expandDims(-1).add(tf.range(0, ASYMPTOTIC_MIN));
    // The mask is built with greaterEqual, the one comparison tfjs can differentiate through, so
    // callers outside a customGrad (studentTLogNormalizer) can take gradients through the shift.
    const unused = xk.greaterEqual(ASYMPTOTIC_MIN);
    // Unused slots see a harmless argument so that f never produces NaN/∞ that `where` must hide.
    const terms = tf.where(unused, tf.zerosLike(xk), f(tf.where(unused, tf.onesLike(xk), xk)));
    const z = x.add(tf.scalar(ASYMPTOTIC_MIN).sub(unused.sum(-1).toFloat()));
    return { z, sum: terms.sum(-1) };
  });
}
