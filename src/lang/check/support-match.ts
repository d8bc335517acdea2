/** Comparing a family's support with a declared type's constraint. */
import { RealInterval, type Constraint } from '../../distributions/constraints/index.js';

/**
 * Equal sets, or continuous intervals differing only in whether an end point is included: a
 * single point has probability zero under a continuous family, so HalfNormal's [0, ∞) is a valid
 * prior for a `positive` variable.
 */
export function sameAlmostEverywhere(a: Constraint, b: Constraint): boolean {
  if (a.equals(b)) return true;
  const x = a.elementSet;
  const y = b.elementSet;
  return x instanceof RealInterval && y instanceof RealInterval && x.lower === y.lower && x.upper === y.upper;
}
