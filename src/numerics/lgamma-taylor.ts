/**
 * log Γ and ψ about 2: the Taylor coefficients and the argument reduction shared by `lgamma` and `digamma`.
 */
import * as tf from '@tensorflow/tfjs';
import { EULER_GAMMA, ZETA_MINUS_ONE } from './constants.js';

/**
 * log Γ(2 + t) = (1 − γ)t + Σₖ₌₂ (−1)ᵏ (ζ(k) − 1) tᵏ / k, coefficients of t⁰…t¹⁴. For |t| ≤ ½ the
 * terms shrink like 4⁻ᵏ/k, so the truncation error is below 1e-10 (5e-10 of |log Γ(2 ± ½)|).
 * Expanding about 2 keeps full relative accuracy next to the zeros of log Γ at 1 and 2.
 */
export const LGAMMA_2_TAYLOR = [0, 1 - EULER_GAMMA, ...ZETA_MINUS_ONE.map((z, i) => ((i % 2 === 0 ? 1 : -1) * z) / (i + 2))];

/**
 * ψ(2 + t) = d/dt log Γ(2 + t) = (1 − γ) + Σₖ₌₂ (−1)ᵏ (ζ(k) − 1) tᵏ⁻¹, coefficients of t⁰…t¹³; the
 * truncation error at |t| = ½ is below 2e-9, under 1e-8 of |ψ(x)| wherever digamma uses it (|ψ(x)| ≥ 0.2 there).
 */
export const DIGAMMA_2_TAYLOR = LGAMMA_2_TAYLOR.slice(1).map((c, i) => c * (i + 1));


/** x ∈ (0, upper) written as 2 + t, t ∈ [−½, ½], with the recurrence steps that connect them. */
export interface ReductionAboutTwo {
  /** x for x < ½, x − 1 below 1.5, x − 2 below 2.5, x − n − 2 above (clipped to [−½, ½] elsewhere). */
  readonly t: tf.Tensor;
  /** [..., m]: the factors x − k, k = 1…n, of the downward recurrence (2.5 ≤ x), and 1 in unused slots. */
  readonly steps: tf.Tensor;
  /** [..., m]: which slots of `steps` are used. */
  readonly used: tf.Tensor;
}

/**
 * The reduction shared by `lgamma` and `digamma`: below ½ and below 1.5 the callers step up to 2 + t
 * with x + 1 (and x + 2); from 2.5 up to `upper` they step down n = ⌊x − 1.5⌋ times, so that
 * x − n ∈ [1.5, 2.5). x − n is exact in float32, and the downward steps only add positive terms.
 */
export function reduceAboutTwo(x: tf.Tensor, upper: number): ReductionAboutTwo {
  return tf.tidy(() => {
    const xMid = tf.clipByValue(x, 2.5, upper);
    const n = tf.floor(xMid.sub(1.5));
    const k = tf.range(1, Math.ceil(upper - 2.5) + 1);
    const used = k.lessEqual(n.expandDims(-1));
    const factors = xMid.expandDims(-1).sub(k);
    const steps = tf.where(used, factors, tf.onesLike(factors));
    const t = tf.where(
      x.less(0.5),
      x,
      tf.where(x.less(1.5), x.sub(1), tf.where(x.less(2.5), x.sub(2), xMid.sub(n).sub(2))),
    );
    return { t: tf.clipByValue(t, -0.5, 0.5), steps, used };
  });
}
