/**
 * The distribution families, one per file, plus the wrappers Independent (batch dims as event
 * dims) and TransformedDistribution (a base pushed through a bijection). Each built-in family's
 * file supplies the `create` of the spec `builtins.ts` describes and registers.
 */
export { LocationScale, HalfScale, locationScaleFamily, halfScaleFamily, type StandardDensity, type FoldedMoments } from './location-scale.js';
export { Normal } from './normal.js';
export { LogNormal } from './log-normal.js';
export { HalfNormal } from './half-normal.js';
export { HalfCauchy } from './half-cauchy.js';
export { Cauchy } from './cauchy.js';
export { StudentT } from './student-t.js';
export { Laplace } from './laplace.js';
export { Logistic } from './logistic.js';
export { Uniform } from './uniform.js';
export { Exponential } from './exponential.js';
export { Gamma } from './gamma.js';
export { InverseGamma } from './inverse-gamma.js';
export { Beta } from './beta.js';
export { Dirichlet } from './dirichlet.js';
export { Bernoulli } from './bernoulli.js';
export { Binomial } from './binomial.js';
export { Categorical } from './categorical.js';
export { Poisson } from './poisson.js';
export { NegativeBinomial } from './negative-binomial.js';
export { MultivariateNormal } from './multivariate-normal.js';
export { Delta, type DeltaOptions } from './delta.js';
export { Independent } from './independent.js';
export { TransformedDistribution } from './transformed.js';
export type { ProbsOrLogits } from './probs-or-logits.js';
