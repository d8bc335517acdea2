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
export { toFloat, sumRightmost, broadcastTo, xlogy, detach, FLOAT32_TINY, FLOAT32_BELOW_ONE, type TensorLike } from './ops.js';
export { broadcastShapes } from './shapes.js';
export { rsampleLogStandardGamma } from './samplers/index.js';
export { Rng, type RngState } from '../runtime/rng.js';
/** Differentiable special functions (lgamma, digamma, logBeta, softplus, …) for writing log-densities. */
export * as special from '../numerics/index.js';

export * from './families/index.js';
