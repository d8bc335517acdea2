/**
 * Distributions: probability families with constraints, supports, batch/event shapes,
 * reparameterized samplers, log-densities, moments and entropies (after torch.distributions);
 * the constraint and transform registries automatic guides use; the analytic KL registry; and the
 * family registry the compiler's checker reads. Everything a plugin author needs is exported here.
 */
import * as tf from '@tensorflow/tfjs';
import './builtins.js';
import './kl/index.js';

/** The tfjs instance the library runs on: plugins must build tensors with this one, not their own copy. */
export { tf };

export * as constraints from './constraints/index.js';
export { Constraint, constraintForType, isValueKind, type ValueKind } from './constraints/index.js';
export * from './transforms/index.js';
export { Distribution, type DistributionInit, type DistributionOptions } from './distribution.js';
export type { FamilySpec, ParamSpec, SupportQuery } from './family.js';
export { DistributionError, setValidation, validationEnabled } from './validation.js';
export { registerFamily, getFamily, familyNames, unregisterFamily } from './registry.js';
export { builtinFamilies } from './builtins.js';
export { installPlugin, type DistributionsApi, type PluginModule } from './plugin.js';
export { registerKL, klDivergence, tryKLDivergence, NoClosedFormKLError, type KLFunction, type DistributionClass } from './kl/index.js';
export { toFloat, sumRightmost, xlogy, detach, FLOAT32_TINY, FLOAT32_BELOW_ONE, type TensorLike } from './ops.js';
export { broadcastShapes } from './shapes.js';
export { rsampleLogStandardGamma } from './samplers/gamma.js';
export { Rng, type RngState } from '../runtime/rng.js';
/** Differentiable special functions (lgamma, digamma, logBeta, softplus, …) for writing log-densities. */
export * as special from '../numerics/index.js';

export { Normal } from './families/normal.js';
export { LogNormal } from './families/log-normal.js';
export { HalfNormal } from './families/half-normal.js';
export { HalfCauchy } from './families/half-cauchy.js';
export { Cauchy } from './families/cauchy.js';
export { StudentT } from './families/student-t.js';
export { Laplace } from './families/laplace.js';
export { Logistic } from './families/logistic.js';
export { Uniform } from './families/uniform.js';
export { Exponential } from './families/exponential.js';
export { Gamma } from './families/gamma.js';
export { InverseGamma } from './families/inverse-gamma.js';
export { Beta } from './families/beta.js';
export { Dirichlet } from './families/dirichlet.js';
export { Bernoulli } from './families/bernoulli.js';
export { Binomial } from './families/binomial.js';
export { Categorical } from './families/categorical.js';
export { Poisson } from './families/poisson.js';
export { NegativeBinomial } from './families/negative-binomial.js';
export { MultivariateNormal } from './families/multivariate-normal.js';
export { Delta, type DeltaOptions } from './families/delta.js';
export { Independent } from './families/independent.js';
export { TransformedDistribution } from './families/transformed.js';
export type { ProbsOrLogits } from './families/probs-or-logits.js';
