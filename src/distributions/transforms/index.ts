/**
 * Transforms: bijections with log-abs-det-Jacobians, and the registry mapping each constraint to
 * its transform from unconstrained space (`bijectTo`), which automatic guides use.
 */
export { Transform } from './transform.js';
export { IdentityTransform } from './identity.js';
export { ExpTransform } from './exp.js';
export { SoftplusTransform } from './softplus.js';
export { SigmoidTransform } from './sigmoid.js';
export { AffineTransform } from './affine.js';
export { StickBreakingTransform } from './stick-breaking.js';
export { LowerCholeskyTransform } from './lower-cholesky.js';
export { CholeskyOuterTransform } from './cholesky-outer.js';
export { ComposeTransform } from './compose.js';
export { IndependentTransform } from './independent.js';
export { bijectTo, transformTo, registerTransform, type TransformFactory } from './registry.js';
