/**
 * Mathematical constants shared by the special functions, with where each comes from.
 * Values were printed by mpmath at 40 digits and rounded to float64.
 */

/** Euler–Mascheroni constant γ = −ψ(1). */
export const EULER_GAMMA = 0.5772156649015329;

/** ½ log(2π), the constant term of Stirling's series. */
export const HALF_LOG_TWO_PI = 0.9189385332046728;

/** ζ(k) − 1 for k = 2, 3, …, 14 (the Taylor coefficients of lgamma about 2, up to sign and 1/k). */
export const ZETA_MINUS_ONE = [
  0.6449340668482264, 0.2020569031595943, 0.08232323371113819, 0.03692775514336993,
  0.01734306198444914, 0.008349277381922827, 0.004077356197944339, 0.002008392826082214,
  0.0009945751278180853, 0.0004941886041194646, 0.0002460865533080483, 0.0001227133475784891,
  6.124813505870483e-5,
];

/** The positive zero of ψ: ψ(x₀) = 0 at x₀ = 1.4616321449683623… */
export const DIGAMMA_ROOT = 1.4616321449683623;

/** ψ⁽ᵏ⁾(x₀) / k! for k = 1, …, 14: the Taylor coefficients of ψ about its positive zero. */
export const DIGAMMA_ROOT_TAYLOR = [
  0.9676722454476212, -0.4427631689835921, 0.25849976095565101, -0.1639427054424065,
  0.10782405069126237, -0.07219956125645471, 0.04880428816414311, -0.03316112647484736,
  0.0225976482322181, -0.015424765904948959, 0.010538791616612175, -0.007204534386356868,
  0.004926781395729853, -0.003369801655439328,
];

/** Bernoulli numbers B₂, B₄, …, B₁₈ (B₂ₖ for k = 1 … 9), the coefficients of Stirling-type series. */
export const BERNOULLI_EVEN = [1 / 6, -1 / 30, 1 / 42, -1 / 30, 5 / 66, -691 / 2730, 7 / 6, -3617 / 510, 43867 / 798];
