/**
 * Constraints: the sets that parameters and values live in.
 *
 * Singletons and factories mirror torch.distributions.constraints; `constraintForType` maps the
 * language's value kinds (`real`, `positive`, `category(K)`, …) to them so the checker needs no
 * table of its own.
 */
import { Constraint } from './constraint.js';
import { IndependentConstraint } from './independent.js';
import { IntegerInterval } from './integer-interval.js';
import { LowerCholesky } from './lower-cholesky.js';
import { PositiveDefinite } from './positive-definite.js';
import { RealInterval } from './real-interval.js';
import { Simplex } from './simplex.js';

export { Constraint, IndependentConstraint, IntegerInterval, LowerCholesky, PositiveDefinite, RealInterval, Simplex };

export const real: Constraint = new RealInterval(-Infinity, Infinity);
export const positive: Constraint = new RealInterval(0, Infinity);
export const nonnegative: Constraint = new RealInterval(0, Infinity, true);
export const unitInterval: Constraint = new RealInterval(0, 1);
/** [0, 1]: probabilities, which may be exactly 0 or 1. */
export const probability: Constraint = new RealInterval(0, 1, true, true);
export const simplex: Constraint = new Simplex();
export const boolean: Constraint = new IntegerInterval(0, 1);
export const integer: Constraint = new IntegerInterval(-Infinity, Infinity);
export const nonnegativeInteger: Constraint = new IntegerInterval(0, Infinity);
export const lowerCholesky: Constraint = new LowerCholesky();
export const positiveDefinite: Constraint = new PositiveDefinite();

/** The open half-line (a, ∞). */
export function greaterThan(a: number): Constraint {
  return new RealInterval(a, Infinity);
}

/** The open interval (a, b); `interval(0, 1)` equals `unitInterval`. */
export function interval(a: number, b: number): Constraint {
  return new RealInterval(a, b);
}

/** The integers {a, …, b}. */
export function integerInterval(a: number, b: number): Constraint {
  return new IntegerInterval(a, b);
}

/** `base` with `reinterpreted` more trailing dims forming one event. */
export function independent(base: Constraint, reinterpreted: number): Constraint {
  return reinterpreted === 0 ? base : new IndependentConstraint(base, reinterpreted);
}

/** The value kinds of the language (see docs/language.md, "Types"). */
export type ValueKind =
  | 'real'
  | 'positive'
  | 'unit'
  | 'interval'
  | 'binary'
  | 'int'
  | 'count'
  | 'category'
  | 'simplex'
  | 'cholesky'
  | 'covariance';

const KIND_ARITY: Readonly<Record<ValueKind, number>> = {
  real: 0, positive: 0, unit: 0, interval: 2, binary: 0, int: 0, count: 0, category: 1, simplex: 0, cholesky: 0, covariance: 0,
};

/** Whether `name` is a value kind of the language. */
export function isValueKind(name: string): name is ValueKind {
  return Object.prototype.hasOwnProperty.call(KIND_ARITY, name);
}

/**
 * The constraint of a declared value kind, given its constant parenthesised arguments:
 * `constraintForType('category', [K])` is `integerInterval(0, K − 1)`.
 * Throws a `RangeError` naming the kind when the arguments are wrong.
 */
export function constraintForType(kind: ValueKind, args: readonly number[] = []): Constraint {
  const arity = KIND_ARITY[kind];
  if (arity === undefined) throw new RangeError(`unknown value kind '${kind}'`);
  if (args.length !== arity) {
    throw new RangeError(`'${kind}' takes ${arity} argument${arity === 1 ? '' : 's'}, got ${args.length}`);
  }
  switch (kind) {
    case 'real': return real;
    case 'positive': return positive;
    case 'unit': return unitInterval;
    case 'interval': {
      const [a, b] = args as [number, number];
      if (!(a < b)) throw new RangeError(`interval(a, b) needs a < b, got interval(${a}, ${b})`);
      return interval(a, b);
    }
    case 'binary': return boolean;
    case 'int': return integer;
    case 'count': return nonnegativeInteger;
    case 'category': {
      const k = args[0]!;
      if (!Number.isInteger(k) || k < 1) throw new RangeError(`category(K) needs an integer K ≥ 1, got ${k}`);
      return integerInterval(0, k - 1);
    }
    case 'simplex': return simplex;
    case 'cholesky': return lowerCholesky;
    case 'covariance': return positiveDefinite;
  }
}
