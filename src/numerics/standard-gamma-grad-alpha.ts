/**
 * dz/dα for z ~ Gamma(α, 1), by implicit differentiation of the CDF (host, float64).
 */
import { mapPairs } from './map-pairs.js';
import { logGradAlpha } from './standard-gamma-log-grad-alpha.js';

function scalarGrad(alpha: number, z: number): number {
  if (!(alpha > 0) || Number.isNaN(z) || z < 0) return NaN;
  if (z === 0) return 0;
  if (z === Infinity) return Infinity;
  return z * logGradAlpha(alpha, Math.log(z));
}

/**
 * dz/dα for draws z of Gamma(α, 1): the pathwise derivative used by implicit reparameterization
 * (Figurnov et al. 2018), since z = F⁻¹(u; α) for a fixed uniform u gives
 * dz/dα = −(∂F(z; α)/∂α) / p(z; α), with F = P(α, ·) the regularized incomplete gamma function.
 * For Gamma(α, β) draws divide by β; Beta and Dirichlet draws are ratios of Gamma draws.
 *
 * ∂P/∂α is obtained exactly (to rounding) by differentiating P's power series (z < α + 1) or Q's
 * continued fraction (otherwise) term by term, and the density's prefactor cancels in closed form,
 * so nothing underflows even when p(z) does. `alpha` may be a number or an array matching `z`.
 * For draws held as log z, use `standardGammaLogGradAlpha`, which also covers z below 1e-308.
 * Relative error ≲ 1e-12 against mpmath (docs/numerics.md); cost grows like √α per element.
 *
 * @example standardGammaGradAlpha(1, [Math.LN2]) // ≈ 0.96804 (the median of Exponential(1) moves right as α grows)
 */
export function standardGammaGradAlpha(alpha: number | ArrayLike<number>, z: ArrayLike<number>): Float64Array {
  return mapPairs('standardGammaGradAlpha', alpha, z, scalarGrad);
}
