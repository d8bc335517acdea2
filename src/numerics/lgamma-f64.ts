/**
 * log Γ(x) in float64 on the host, for the incomplete-gamma prefactors.
 */
import { BERNOULLI_EVEN, HALF_LOG_TWO_PI } from './constants.js';

/**
 * Stirling remainder δ(x) = log Γ(x) − [(x − ½) log x − x + ½ log 2π] = Σₖ B₂ₖ/(2k(2k−1)x²ᵏ⁻¹),
 * k = 1…9; for x ≥ 10 the omitted term is < 1e-19.
 */
export function stirlingCorrectionF64(x: number): number {
  const w = 1 / x;
  const w2 = w * w;
  let acc = 0;
  for (let k = 8; k >= 0; k--) acc = acc * w2 + BERNOULLI_EVEN[k]! / ((2 * k + 2) * (2 * k + 1));
  return acc * w;
}

/**
 * log Γ(x) for x > 0 with absolute error ≲ 4e-15 (what the incomplete-gamma prefactor needs;
 * relative accuracy next to the zeros at 1 and 2 is not a goal).
 * Method: upward recurrence to x ≥ 10, then Stirling's series.
 */
export function lgammaF64(x: number): number {
  let product = 1;
  let z = x;
  while (z < 10) product *= z++;
  return (z - 0.5) * Math.log(z) - z + HALF_LOG_TWO_PI + stirlingCorrectionF64(z) - Math.log(product);
}
