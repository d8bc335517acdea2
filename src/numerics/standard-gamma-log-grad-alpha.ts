/**
 * d log z/dα for z ~ Gamma(α, 1), from log z (host, float64), so that draws below the float64 range still have gradients.
 */
import { digammaF64 } from './digamma-f64.js';
import { gammaContinuedFraction, gammaSeries } from './incomplete-gamma-expansions.js';
import { mapPairs } from './map-pairs.js';

/** d log z/dα at one draw, given log z (the shared core of both implicit Gamma gradients). */
export function logGradAlpha(alpha: number, logZ: number): number {
  if (!(alpha > 0) || Number.isNaN(logZ)) return NaN;
  if (logZ === -Infinity) return Infinity; // −(log z − ψ(α + 1))/α → +∞ as z → 0
  if (logZ === Infinity) return NaN;
  const z = Math.exp(logZ);
  if (z < alpha + 1) {
    // P = pre·S with pre = zᵅe⁻ᶻ/Γ(α + 1) and density p = pre·α/z, so the prefactor cancels:
    // dz/dα = −(∂P/∂α)/p = −(z/α)·[(log z − ψ(α + 1))·S + ∂S/∂α]. z may underflow to 0 here; then
    // S = 1, ∂S/∂α = 0 and log z still carries the answer.
    const [s, ds] = gammaSeries(alpha, z);
    return -((logZ - digammaF64(alpha + 1)) * s + ds) / alpha;
  }
  // Q = 1 − P = p·z·h with p the density, so dz/dα = (∂Q/∂α)/p = z·[(log z − ψ(α))·h + ∂h/∂α].
  const [h, dh] = gammaContinuedFraction(alpha, z);
  return (logZ - digammaF64(alpha)) * h + dh;
}

/**
 * d log z/dα = (dz/dα)/z for draws z of Gamma(α, 1) given as log z: the form to use when draws are
 * kept in log space, since for small α many draws underflow float64 (for α = 0.01 about one in a
 * thousand is below 1e-300) while log z and this derivative stay finite.
 * Same method and accuracy as `standardGammaGradAlpha`. `alpha` may be a number or an array
 * matching `logZ`.
 *
 * @example standardGammaLogGradAlpha(0.01, [-1000]) // ≈ 9.9944e4: tiny draws move fast in log space
 */
export function standardGammaLogGradAlpha(alpha: number | ArrayLike<number>, logZ: ArrayLike<number>): Float64Array {
  return mapPairs('standardGammaLogGradAlpha', alpha, logZ, logGradAlpha);
}
