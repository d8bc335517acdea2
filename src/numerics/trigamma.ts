/**
 * ψ′(x) = d²/dx² log Γ(x), the trigamma function.
 */
import * as tf from '@tensorflow/tfjs';
import { elementwiseOp } from './elementwise-op.js';
import { polygamma } from './polygamma.js';
import { sinPi } from './sin-pi.js';

function trigammaValue(x: tf.Tensor): tf.Tensor {
  const positive = x.greater(0);
  const y = polygamma(1, tf.where(positive, x, tf.scalar(1).sub(x)));
  // Reflection: ψ′(x) = π² / sin²(πx) − ψ′(1 − x), with sin evaluated at the exact fractional part.
  const sin = sinPi(x.sub(tf.round(x)));
  return tf.where(positive, y, tf.scalar(Math.PI * Math.PI).div(sin.square()).sub(y));
}

/**
 * ψ′(x) elementwise (x > 0, and x < 0 off the poles by reflection); dψ′/dx = ψ″(x) = `polygamma(2, x)`,
 * which is defined for x > 0 only (NaN gradient for negative x).
 *
 * Method: upward recurrence ψ′(x) = ψ′(x + n) + Σ 1/(x + k)² to x + n ≥ 10, then the asymptotic
 * series 1/z + 1/(2z²) + Σ B₂ₖ/z²ᵏ⁺¹. All terms are positive, so nothing cancels.
 *
 * @example trigamma(tf.scalar(1)) // π²/6 ≈ 1.6449
 */
export const trigamma: (x: tf.Tensor) => tf.Tensor = elementwiseOp('trigamma', trigammaValue, (x) => polygamma(2, x));
