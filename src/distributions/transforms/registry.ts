/**
 * The constraint → transform registry: `bijectTo(c)` is a bijection from unconstrained space onto
 * `c`. Automatic guides (mean-field, full-rank, delta) put their Normal in unconstrained space and
 * push it through this transform, so a constraint registered here gets automatic guides for free.
 *
 * Lookup is by the constraint's `name` first (e.g. 'GreaterThan'), then by its class, walking up the
 * class hierarchy: the most specific registration wins.
 */
import {
  IndependentConstraint,
  LowerCholesky,
  PositiveDefinite,
  RealInterval,
  Simplex,
  type Constraint,
} from '../constraints/index.js';
import { DistributionError } from '../validation.js';
import { AffineTransform } from './affine.js';
import { CholeskyOuterTransform } from './cholesky-outer.js';
import { ComposeTransform } from './compose.js';
import { ExpTransform } from './exp.js';
import { IdentityTransform } from './identity.js';
import { IndependentTransform } from './independent.js';
import { LowerCholeskyTransform } from './lower-cholesky.js';
import { SigmoidTransform } from './sigmoid.js';
import { StickBreakingTransform } from './stick-breaking.js';
import type { Transform } from './transform.js';

export type TransformFactory = (constraint: Constraint) => Transform;
type ConstraintClass = abstract new (...args: any[]) => Constraint;

const byName = new Map<string, TransformFactory>();
const byClass = new Map<ConstraintClass, TransformFactory>();

/** Register (or replace) the unconstraining transform for a constraint name or class. */
export function registerTransform(key: string | ConstraintClass, factory: TransformFactory): void {
  if (typeof key === 'string') byName.set(key, factory);
  else byClass.set(key, factory);
}

/** A bijection from unconstrained space onto `constraint`; a `DistributionError` when there is none. */
export function bijectTo(constraint: Constraint): Transform {
  const named = byName.get(constraint.name);
  if (named) return named(constraint);
  for (let proto = Object.getPrototypeOf(constraint); proto; proto = Object.getPrototypeOf(proto)) {
    const factory = byClass.get(proto.constructor as ConstraintClass);
    if (factory) return factory(constraint);
  }
  const hint = constraint.isDiscrete
    ? ' (it is discrete: discrete latents need enumeration or a score-function estimator)'
    : '';
  throw new DistributionError(`no transform onto ${constraint} is registered${hint}; add one with registerTransform`);
}

/** Same registry as `bijectTo`: every registered transform is a bijection. */
export const transformTo = bijectTo;

registerTransform(RealInterval, (c) => {
  const { lower, upper } = c as RealInterval;
  if (lower === -Infinity && upper === Infinity) return new IdentityTransform();
  if (lower === 0 && upper === Infinity) return new ExpTransform();
  if (lower === 0 && upper === 1) return new SigmoidTransform();
  // Shift or stretch the standard one; the affine step carries the exact codomain.
  const [first, loc, scale] =
    upper === Infinity ? [new ExpTransform(), lower, 1]
    : lower === -Infinity ? [new ExpTransform(), upper, -1]
    : [new SigmoidTransform(), lower, upper - lower];
  return new ComposeTransform([first, new AffineTransform(loc, scale, 0, { domain: first.codomain, codomain: c })]);
});
registerTransform(Simplex, () => new StickBreakingTransform());
registerTransform(LowerCholesky, () => new LowerCholeskyTransform());
registerTransform(PositiveDefinite, () => new ComposeTransform([new LowerCholeskyTransform(), new CholeskyOuterTransform()]));
registerTransform(IndependentConstraint, (c) => {
  const { base, reinterpreted } = c as IndependentConstraint;
  return new IndependentTransform(bijectTo(base), reinterpreted);
});
