/**
 * A small interval analysis over typed expressions: which values an expression can take, so
 * that `Normal(m, softplus(h))` is known to have a positive scale and `Normal(m, h)` with a
 * real-valued `h` is not. Conservative: the computed range always contains every possible value.
 */
import type { ConstValue, TypedExpr } from './typed-expr.js';

/** An interval of ℝ; infinite ends are always open. */
export interface Range {
  readonly lo: number;
  readonly hi: number;
  readonly loOpen: boolean;
  readonly hiOpen: boolean;
}

/** ℝ, (0, ∞), [0, ∞) and (0, 1). */
export const REAL: Range = { lo: -Infinity, hi: Infinity, loOpen: true, hiOpen: true };
export const POSITIVE: Range = { lo: 0, hi: Infinity, loOpen: true, hiOpen: true };
export const NONNEGATIVE: Range = { lo: 0, hi: Infinity, loOpen: false, hiOpen: true };
export const UNIT: Range = { lo: 0, hi: 1, loOpen: true, hiOpen: true };

/** The interval from `lo` to `hi`; infinite ends are made open. */
export function range(lo: number, hi: number, loOpen = false, hiOpen = false): Range {
  return { lo, hi, loOpen: loOpen || lo === -Infinity, hiOpen: hiOpen || hi === Infinity };
}

/** The smallest range holding both. */
export function union(a: Range, b: Range): Range {
  const lo = a.lo < b.lo ? a : b.lo < a.lo ? b : { lo: a.lo, loOpen: a.loOpen && b.loOpen };
  const hi = a.hi > b.hi ? a : b.hi > a.hi ? b : { hi: a.hi, hiOpen: a.hiOpen && b.hiOpen };
  return { lo: lo.lo, loOpen: lo.loOpen, hi: hi.hi, hiOpen: hi.hiOpen };
}

/** Whether every value of `a` lies in `b`. */
export function within(a: Range, b: Range): boolean {
  const loOk = a.lo > b.lo || (a.lo === b.lo && (!b.loOpen || a.loOpen));
  const hiOk = a.hi < b.hi || (a.hi === b.hi && (!b.hiOpen || a.hiOpen));
  return loOk && hiOk;
}

/** The range of a folded constant: its smallest to largest element. */
export function constantRange(value: ConstValue): Range {
  const flat = [value].flat(Infinity as 1) as number[];
  return range(Math.min(...flat), Math.max(...flat));
}

/** Apply a non-decreasing function to both ends (openness is kept). */
function monotone(r: Range, f: (x: number) => number): Range {
  return range(f(r.lo), f(r.hi), r.loOpen, r.hiOpen);
}

function negate(r: Range): Range {
  return { lo: -r.hi, hi: -r.lo, loOpen: r.hiOpen, hiOpen: r.loOpen };
}

function add(a: Range, b: Range): Range {
  return range(a.lo + b.lo, a.hi + b.hi, a.loOpen || b.loOpen, a.hiOpen || b.hiOpen);
}

/** `n` copies of `r` summed (reductions, matrix products). */
function scaleCount(r: Range, n: number): Range {
  if (n === 0) return range(0, 0);
  return range(r.lo * n, r.hi * n, r.loOpen, r.hiOpen);
}

const times = (x: number, y: number): number => (x === 0 || y === 0 ? 0 : x * y);

function multiply(a: Range, b: Range): Range {
  if (a.lo >= 0 && b.lo >= 0) {
    // A product of non-negatives is 0 only if a factor can be exactly 0.
    const zeroAttainable = (a.lo === 0 && !a.loOpen) || (b.lo === 0 && !b.loOpen);
    return range(times(a.lo, b.lo), times(a.hi, b.hi), (a.loOpen || b.loOpen) && !zeroAttainable, a.hiOpen || b.hiOpen);
  }
  if (a.hi <= 0 && b.lo >= 0) return negate(multiply(negate(a), b));
  if (a.lo >= 0 && b.hi <= 0) return negate(multiply(a, negate(b)));
  if (a.hi <= 0 && b.hi <= 0) return multiply(negate(a), negate(b));
  const products = [times(a.lo, b.lo), times(a.lo, b.hi), times(a.hi, b.lo), times(a.hi, b.hi)];
  return range(Math.min(...products), Math.max(...products));
}

function reciprocal(b: Range): Range | undefined {
  if (b.lo > 0 || (b.lo === 0 && b.loOpen)) {
    return range(b.hi === Infinity ? 0 : 1 / b.hi, b.lo === 0 ? Infinity : 1 / b.lo, b.hiOpen, b.loOpen);
  }
  if (b.hi < 0 || (b.hi === 0 && b.hiOpen)) return negate(reciprocal(negate(b))!);
  return undefined;
}

/** `a ^ b`; precise when the exponent is a constant. */
function power(a: Range, b: TypedExpr): Range {
  const e = typeof b.constant === 'number' ? b.constant : undefined;
  const integer = e !== undefined && Number.isInteger(e);
  if (integer && e > 0 && e % 2 === 0) return monotone(absolute(a), (x) => x ** e);
  if (a.lo > 0 || (a.lo === 0 && a.loOpen)) {
    if (e === undefined) return POSITIVE;
    if (e >= 0) return monotone(a, (x) => x ** e);
    return range(a.hi ** e, a.lo ** e, a.hiOpen, a.loOpen);
  }
  if (a.lo >= 0) return NONNEGATIVE;
  if (integer && e > 0) return monotone(a, (x) => x ** e);
  return REAL;
}

function absolute(a: Range): Range {
  if (a.lo >= 0) return a;
  if (a.hi <= 0) return negate(a);
  return range(0, Math.max(-a.lo, a.hi), false, false);
}

const softplus = (x: number): number => (x > 30 ? x : Math.log1p(Math.exp(x)));
const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * The range of `expr`, given the ranges of the symbols it references. `ref(id)` answers for data,
 * latents, params (from their declared kinds) and lets (from their definitions).
 */
export function rangeOf(expr: TypedExpr, ref: (id: string) => Range, netOutput: (id: string) => Range): Range {
  const of = (e: TypedExpr): Range => rangeOf(e, ref, netOutput);
  if (expr.constant !== undefined) return constantRange(expr.constant);
  switch (expr.op) {
    case 'const': return REAL;
    case 'ref': return ref(expr.id);
    case 'neg': return negate(of(expr.arg));
    case 'binary': {
      const a = of(expr.left);
      const b = of(expr.right);
      switch (expr.fn) {
        case 'add': return add(a, b);
        case 'sub': return add(a, negate(b));
        // x * x is a square, not a product of two independent reals.
        case 'mul': return sameRef(expr.left, expr.right) ? monotone(absolute(a), (x) => x * x) : multiply(a, b);
        case 'div': {
          const r = reciprocal(b);
          return r === undefined ? REAL : multiply(a, r);
        }
        case 'pow': return power(a, expr.right);
        case 'matmul': return scaleCount(multiply(a, b), innerSize(expr.left));
      }
      break;
    }
    case 'elementwise': {
      const a = of(expr.arg);
      switch (expr.fn) {
        case 'exp': return monotone(a, Math.exp);
        case 'log': return a.lo >= 0 ? monotone(a, Math.log) : REAL;
        case 'sqrt': return a.lo >= 0 ? monotone(a, Math.sqrt) : NONNEGATIVE;
        case 'abs': return absolute(a);
        case 'softplus': return monotone(a, softplus);
        case 'sigmoid': return monotone(a, sigmoid);
        case 'tanh': return monotone(a, Math.tanh);
        case 'relu': return range(Math.max(0, a.lo), Math.max(0, a.hi), a.lo > 0 && a.loOpen, a.hi > 0 && a.hiOpen);
        case 'log1p': return a.lo >= -1 ? monotone(a, Math.log1p) : REAL;
        case 'expm1': return monotone(a, Math.expm1);
        case 'square': return monotone(absolute(a), (x) => x * x);
      }
      break;
    }
    case 'axis': {
      const a = of(expr.args[0]!);
      const shape = expr.args[0]!.rowShape;
      switch (expr.fn) {
        case 'sum': return scaleCount(a, expr.axis === undefined ? shape.reduce((x, y) => x * y, 1) : shape[expr.axis]!);
        case 'logsumexp': return REAL;
        case 'softmax': return UNIT;
        case 'transpose': return a;
        case 'dot': return scaleCount(multiply(a, of(expr.args[1]!)), shape[shape.length - 1]!);
      }
      break;
    }
    case 'net': return netOutput(expr.net);
    case 'index': return of(expr.target);
    case 'vector': return expr.elements.map(of).reduce(union);
  }
  return REAL;
}

function sameRef(a: TypedExpr, b: TypedExpr): boolean {
  return a.op === 'ref' && b.op === 'ref' && a.id === b.id;
}

/** The summed-over size of a matrix product: the last axis of the left operand. */
function innerSize(left: TypedExpr): number {
  return left.rowShape[left.rowShape.length - 1] ?? 1;
}

/** `(0, ∞)`, `[-1, 1]`, or a single number. */
export function formatRange(r: Range): string {
  const f = (x: number): string => (x === Infinity ? '∞' : x === -Infinity ? '-∞' : String(Number(x.toPrecision(6))));
  if (r.lo === r.hi) return f(r.lo);
  return `${r.loOpen ? '(' : '['}${f(r.lo)}, ${f(r.hi)}${r.hiOpen ? ')' : ']'}`;
}
