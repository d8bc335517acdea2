/**
 * Declared value types: a kind (`real`, `simplex`, `category(K)`, …) with constant arguments and
 * a shape, resolved to the constraint the distribution registry associates with the kind.
 */
import type { Expr, TypeExpr } from '../ast.js';
import { constraintForType, isValueKind, type Constraint, type ValueKind } from '../../distributions/constraints/index.js';
import type { Reporter } from './reporter.js';
import { sameAlmostEverywhere } from './support-match.js';
import { didYouMean } from '../suggest.js';

export interface ValueType {
  readonly kind: ValueKind;
  /** Folded parenthesised arguments: `[K]` for category(K), `[a, b]` for interval(a, b). */
  readonly kindArgs: readonly number[];
  /** The bracketed sizes as written. */
  readonly dims: readonly number[];
  /** The value's shape: `dims`, with the last size repeated for `cholesky` and `covariance` (D × D). */
  readonly shape: readonly number[];
  readonly constraint: Constraint;
}

const KINDS: readonly ValueKind[] = [
  'real', 'positive', 'unit', 'interval', 'binary', 'int', 'count', 'category', 'simplex', 'cholesky', 'covariance',
];

/** Kinds whose last size is an event (vector or matrix) rather than independent elements. */
const NEEDS_SIZE: ReadonlySet<ValueKind> = new Set(['simplex', 'cholesky', 'covariance']);

/** Whether values of the kind are integers (int dtype). */
export function isIntegerKind(kind: ValueKind): boolean {
  return kind === 'binary' || kind === 'int' || kind === 'count' || kind === 'category';
}

/** The argument-free kind whose constraint equals `c` almost everywhere (`positive` for [0, ∞)), if any. */
export function kindWithConstraint(c: Constraint): ValueKind | undefined {
  return KINDS.find((k) => !['interval', 'category'].includes(k) && sameAlmostEverywhere(constraintForType(k), c));
}

/** `real[K]`, `category(3)[2]`: the type as the user would write it, with sizes folded. */
export function formatType(t: ValueType): string {
  const args = t.kindArgs.length > 0 ? `(${t.kindArgs.join(', ')})` : '';
  const dims = t.dims.length > 0 ? `[${t.dims.join(', ')}]` : '';
  return `${t.kind}${args}${dims}`;
}

/**
 * Resolve a written type. `size` folds a size expression to a positive integer and `constant`
 * folds a kind argument to a number; both report their own errors and return undefined.
 */
export function resolveType(
  t: TypeExpr,
  reporter: Reporter,
  size: (e: Expr, what: string) => number | undefined,
  constant: (e: Expr, what: string) => number | undefined,
): ValueType | undefined {
  const kind = t.base.name;
  if (!isValueKind(kind)) {
    const hint = didYouMean(kind, KINDS);
    reporter.report('E0301', t.base.span, `unknown type '${kind}'`, hint ?? `types are ${KINDS.join(', ')}`);
    return undefined;
  }
  const dims = t.dims.map((d) => size(d, `a size of '${kind}'`));
  const kindArgs = t.kindArgs.map((a) =>
    kind === 'category' ? size(a, 'the number of categories K') : constant(a, `a bound of '${kind}'`),
  );
  if (dims.includes(undefined) || kindArgs.includes(undefined)) return undefined;
  const folded = kindArgs as number[];
  const sizes = dims as number[];
  if (NEEDS_SIZE.has(kind) && sizes.length === 0) {
    reporter.report('E0302', t.span, `'${kind}' needs a size: write ${kind}[K]`, `a ${kind} value is a ${kind === 'simplex' ? 'vector' : 'matrix'}; give its size in brackets`);
    return undefined;
  }
  let constraint: Constraint;
  try {
    constraint = constraintForType(kind, folded);
  } catch (e) {
    reporter.report('E0302', t.span, `invalid type '${kind}': ${(e as Error).message}`, usage(kind));
    return undefined;
  }
  const matrix = kind === 'cholesky' || kind === 'covariance';
  const shape = matrix ? [...sizes, sizes[sizes.length - 1]!] : sizes;
  return { kind, kindArgs: folded, dims: sizes, shape, constraint };
}

function usage(kind: ValueKind): string {
  switch (kind) {
    case 'category': return 'write category(K) with a positive integer K';
    case 'interval': return 'write interval(a, b) with constants a < b';
    default: return `'${kind}' takes no arguments in parentheses`;
  }
}
