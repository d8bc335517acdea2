/**
 * Polynomial evaluation as tensor ops.
 */
import * as tf from '@tensorflow/tfjs';

/**
 * p(t) = c₀ + c₁t + … + cₙ₋₁tⁿ⁻¹ by Horner's rule, elementwise over `t`.
 * Coefficients are plain numbers (rounded to float32 when they meet the tensor).
 */
export function horner(coeffs: readonly number[], t: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    let acc: tf.Tensor = tf.fill(t.shape, coeffs[coeffs.length - 1]!);
    for (let k = coeffs.length - 2; k >= 0; k--) acc = acc.mul(t).add(coeffs[k]!);
    return acc;
  });
}
