/**
 * The remainder of Stirling's formula for log Γ, as tensor ops.
 */
import * as tf from '@tensorflow/tfjs';
import { BERNOULLI_EVEN } from './constants.js';
import { horner } from './horner.js';

// δ(z) = Σₖ B₂ₖ / (2k(2k−1) z²ᵏ⁻¹), k = 1…5; the first omitted term, 691/(360360 z¹¹), is < 5e-10
// for z ≥ 4.
const COEFFS = BERNOULLI_EVEN.slice(0, 5).map((b, i) => b / ((2 * i + 2) * (2 * i + 1)));

// δ′(z) = −Σₖ B₂ₖ/(2k) z^−2k: the coefficients of −δ′ in powers of 1/z².
const DERIVATIVE_COEFFS = COEFFS.map((c, i) => c * (2 * i + 1));

/** Smallest argument for which `stirlingCorrection` is float32-exact. */
export const STIRLING_MIN = 4;

/**
 * δ(z) = log Γ(z) − [(z − ½) log z − z + ½ log 2π] ≈ 1/(12z) − 1/(360z³) + 1/(1260z⁵) − 1/(1680z⁷) + 1/(1188z⁹),
 * valid (to float32 precision) for z ≥ 4. Differentiable through ordinary ops.
 */
export function stirlingCorrection(z: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const w = tf.reciprocal(z);
    return w.mul(horner(COEFFS, w.square()));
  });
}

/**
 * δ′(u) − δ′(u + v) for u ≥ 4, v ≥ 0, without the cancellation of subtracting two nearly equal δ′.
 * With w = 1/u, ω = 1/(u + v): δ′(u) − δ′(u + v) = −Σₖ B₂ₖ/(2k) · (w²ᵏ − ω²ᵏ), where
 * Dₘ = wᵐ − ωᵐ follows D₁ = v·w·ω and Dₘ₊₁ = w·Dₘ + ωᵐ·D₁, all sums of like-signed terms.
 */
export function stirlingCorrectionDerivativeGap(u: tf.Tensor, v: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const w = tf.reciprocal(u);
    const omega = tf.reciprocal(u.add(v));
    const d1 = v.mul(w).mul(omega);
    let d = d1;
    let omegaPower = omega;
    let acc = tf.zerosLike(u);
    for (let m = 1; m < 2 * DERIVATIVE_COEFFS.length; m++) {
      d = w.mul(d).add(omegaPower.mul(d1));
      omegaPower = omegaPower.mul(omega);
      // d now holds Dₘ₊₁; even powers 2k carry the coefficient B₂ₖ/(2k).
      if ((m + 1) % 2 === 0) acc = acc.add(d.mul(DERIVATIVE_COEFFS[(m + 1) / 2 - 1]!));
    }
    return acc.neg();
  });
}
