/**
 * ψ(x) in float64 on the host, for the implicit Gamma reparameterization.
 */
import { BERNOULLI_EVEN } from './constants.js';

/**
 * ψ(x) for x > 0 with absolute error ≲ 1e-15.
 * Method: upward recurrence ψ(x) = ψ(x + 1) − 1/x to x ≥ 10, then
 * ψ(z) ~ log z − 1/(2z) − Σₖ B₂ₖ/(2k z²ᵏ), k = 1…8 (omitted term < 1e-18).
 */
export function digammaF64(x: number): number {
  let shift = 0;
  let z = x;
  while (z < 10) shift += 1 / z++;
  const w2 = 1 / (z * z);
  let acc = 0;
  for (let k = 7; k >= 0; k--) acc = acc * w2 + BERNOULLI_EVEN[k]! / (2 * k + 2);
  return Math.log(z) - 0.5 / z - acc * w2 - shift;
}
