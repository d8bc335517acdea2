/**
 * Whether a distribution argument satisfies its parameter's constraint, decided statically where
 * possible: constants are checked by value, other expressions by the range analysis (elementwise
 * constraints) or by what they are known to be (`simplex`-typed variables, `softmax(…)` outputs).
 */
import { Constraint, IntegerInterval, RealInterval, simplex } from '../../distributions/constraints/index.js';
import { constantViolation } from './constant-constraint.js';
import { formatRange, NONNEGATIVE, POSITIVE, range, rangeOf, REAL, UNIT, within, type Range } from './range.js';
import type { Reporter } from './reporter.js';
import type { Activation, Sym } from './symbols.js';
import type { TypedExpr } from './typed-expr.js';

/** The elementwise range a constraint requires, if it is an interval of reals or integers. */
export interface Required {
  readonly range: Range;
  readonly integer: boolean;
}

/** `(0, ∞)` for `positive`, `{0, 1, …}` for counts; undefined for event constraints (simplex, matrices). */
export function requiredRange(constraint: Constraint): Required | undefined {
  const set = constraint.elementSet;
  if (set instanceof RealInterval) return { range: range(set.lower, set.upper, !set.lowerClosed, !set.upperClosed), integer: false };
  if (set instanceof IntegerInterval) return { range: range(set.lower, set.upper), integer: true };
  return undefined;
}

/** The range of values a data, latent or param symbol can take, from its declared type. */
export function symbolRange(sym: Sym | undefined): Range {
  if (sym === undefined) return REAL;
  if ((sym.kind === 'data' || sym.kind === 'latent' || sym.kind === 'param') && sym.type !== undefined) {
    if (sym.type.kind === 'simplex') return range(0, 1);
    return requiredRange(sym.type.constraint)?.range ?? REAL;
  }
  return REAL;
}

const OUTPUT_RANGE: Readonly<Record<Activation, Range>> = {
  identity: REAL, elu: REAL, relu: NONNEGATIVE, sigmoid: UNIT, softplus: POSITIVE, exp: POSITIVE,
  tanh: range(-1, 1, true, true), softmax: UNIT,
};

/** What the checker knows about symbols while checking arguments. */
export interface SymbolInfo {
  byId(id: string): Sym | undefined;
}

/** The range of an expression, with refs and network outputs resolved through the symbol table. */
export function exprRange(expr: TypedExpr, symbols: SymbolInfo): Range {
  const ref = (id: string): Range => {
    const sym = symbols.byId(id);
    return sym?.kind === 'let' && sym.expr !== undefined ? exprRange(sym.expr, symbols) : symbolRange(sym);
  };
  const net = (id: string): Range => {
    const sym = symbols.byId(id);
    return sym?.kind === 'net' && sym.net !== undefined ? OUTPUT_RANGE[sym.net.output] : REAL;
  };
  return rangeOf(expr, ref, net);
}

/** The constraint an expression's values are known to satisfy as whole events, if any. */
export function knownConstraint(expr: TypedExpr, symbols: SymbolInfo): Constraint | undefined {
  switch (expr.op) {
    case 'ref': {
      const sym = symbols.byId(expr.id);
      if (sym?.kind === 'let') return sym.expr === undefined ? undefined : knownConstraint(sym.expr, symbols);
      return sym?.kind === 'data' || sym?.kind === 'latent' || sym?.kind === 'param' ? sym.type?.constraint : undefined;
    }
    case 'axis':
      return expr.fn === 'softmax' && expr.axis === expr.rowShape.length - 1 ? simplex : undefined;
    case 'net': {
      const sym = symbols.byId(expr.net);
      return sym?.kind === 'net' && sym.net?.output === 'softmax' ? simplex : undefined;
    }
    case 'index': {
      const inner = knownConstraint(expr.target, symbols);
      // Indexing leading axes keeps whole events intact.
      const untouched = expr.target.rowShape.length - expr.items.length;
      return inner !== undefined && untouched >= inner.eventRank ? inner : undefined;
    }
    default:
      return undefined;
  }
}

/** Where the argument sits, for messages: `scale of Normal`. */
export interface ArgumentSite {
  readonly param: string;
  readonly family: string;
  readonly constraint: Constraint;
}

/** Report E0403/E0404/W0401 when `arg` can violate the parameter's constraint. */
export function checkArgumentConstraint(arg: TypedExpr, site: ArgumentSite, symbols: SymbolInfo, reporter: Reporter): void {
  const what = `'${site.param}' of ${site.family}`;
  const required = requiredRange(site.constraint);
  const c = site.constraint.toString();
  if (arg.constant !== undefined) {
    const bad = constantViolation(site.constraint, arg.constant, arg.rowShape);
    if (bad !== undefined) reporter.report('E0403', arg.span, `${what} must be in ${c}, got ${bad === true ? JSON.stringify(arg.constant) : bad}`, fixHint(site.constraint));
    return;
  }
  if (required !== undefined) {
    if (required.integer && arg.dtype !== 'int') {
      reporter.report('E0404', arg.span, `${what} must be an integer in ${c}, but this expression is real-valued`, 'pass an int, count or category value or an integer constant');
      return;
    }
    const r = exprRange(arg, symbols);
    if (within(r, required.range)) return;
    const closure = { ...required.range, loOpen: required.range.lo === -Infinity, hiOpen: required.range.hi === Infinity };
    if (within(r, closure)) {
      reporter.report('W0401', arg.span, `${what} must be in ${c}, but this expression can reach the boundary (its values lie in ${formatRange(r)})`, fixHint(site.constraint));
      return;
    }
    reporter.report('E0404', arg.span, `${what} must be in ${c}, but this expression can take values in ${formatRange(r)}`, fixHint(site.constraint));
    return;
  }
  const known = knownConstraint(arg, symbols);
  if (known !== undefined && site.constraint.contains(known)) return;
  const why = known === undefined ? `the checker cannot show that this expression is in ${c}` : `this expression is in ${known.toString()}`;
  reporter.report('E0404', arg.span, `${what} must be in ${c}, but ${why}`, fixHint(site.constraint));
}

/** How to bring a value into a constraint. */
function fixHint(c: Constraint): string {
  const r = requiredRange(c);
  if (r !== undefined) {
    if (r.integer) return 'pass an integer value within the allowed range';
    if (within(r.range, POSITIVE) && r.range.hi === Infinity && r.range.lo === 0) return 'wrap it in softplus(...) or exp(...), or declare the variable positive';
    if (r.range.lo === 0 && r.range.hi === 1) return 'wrap it in sigmoid(...), or declare the variable unit';
    return `keep the value within ${formatRange(r.range)}`;
  }
  if (c.equals(simplex)) return 'use softmax(...) over the last axis, or declare the variable simplex[K]';
  return `declare the variable with a type whose values are in ${c.toString()}`;
}
