/**
 * Taylor coefficients of log Γ and ψ about 2, shared by `lgamma` and `digamma`.
 */
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

