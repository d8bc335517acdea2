/**
 * The remainder of Stirling's formula for log Γ, as tensor ops.
 */
import * as tf from '@tensorflow/tfjs';
import { BERNOULLI_EVEN } from './constants.js';
import { horner } from './horner.js';

// δ(z) = Σₖ B₂ₖ / (2k(2k−1) z²ᵏ⁻¹), k = 1…4; the first omitted term is 1/(1188 z⁹) < 1e-11 for z ≥ 8.
const COEFFS = BERNOULLI_EVEN.slice(0, 4).map((b, i) => b / ((2 * i + 2) * (2 * i + 1)));

/** Smallest argument for which `stirlingCorrection` is float32-exact. */
export const STIRLING_MIN = 8;

/**
 * δ(z) = log Γ(z) − [(z − ½) log z − z + ½ log 2π] ≈ 1/(12z) − 1/(360z³) + 1/(1260z⁵) − 1/(1680z⁷),
 * valid (to float32 precision) for z ≥ 8. Differentiable through ordinary ops.
 */
export function stirlingCorrection(z: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const w = tf.reciprocal(z);
    return w.mul(horner(COEFFS, w.square()));
  });
}
