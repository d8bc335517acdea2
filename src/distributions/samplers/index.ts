/**
 * Host-side samplers for families whose draws tfjs cannot make: Gamma (with the implicitly
 * reparameterized log-Gamma draw that Gamma, Beta, Dirichlet and StudentT build on), Poisson and
 * Binomial. They run over typed arrays, drawing from the caller's `Rng`.
 */
export { logStandardGammaArray, logStandardGammaDraw, rsampleLogStandardGamma } from './gamma.js';
export { poissonArray, poissonDraw } from './poisson.js';
export { binomialArray, binomialDraw } from './binomial.js';
