/**
 * Expression checking: resolves names and infers each expression's row shape, locality, dtype
 * and folded constant value, reporting shape and name errors at the offending sub-expression.
 */
import type { Call, Expr, Identifier, Locality } from '../ast.js';
import { broadcastShapes, formatShape } from '../../distributions/shapes.js';
import type { Span } from '../span.js';
import { checkBuiltin } from './builtin-call.js';
import { BUILTIN_NAMES, isAxisFn, isElementwise } from './builtins.js';
import { checkIndex } from './index-expr.js';
import { foldElementwise } from './fold.js';
import type { Reporter } from './reporter.js';
import { didYouMean } from '../suggest.js';
import type { NetSymbol, Sym } from './symbols.js';
import type { BinaryFn, DType, TypedExpr } from './typed-expr.js';
import { isIntegerKind } from './value-type.js';

/** What expression checking needs from its surroundings. */
export interface ExprEnv {
  readonly reporter: Reporter;
  /** The symbol a name denotes here (resolving lets, dims and consts on demand); reports failures. */
  resolve(name: Identifier): Sym | undefined;
  /** The symbol with a given id (for symbols already resolved). */
  byId(id: string): Sym | undefined;
  /** Whether `resolve` would find anything for `name` (visible or not), without reporting. */
  declares(name: string): boolean;
  /** Whether `name` is a distribution family (for a clearer message when one is called). */
  isFamily(name: string): boolean;
  /** Networks visible here, for suggestions. */
  netNames(): string[];
}

const BINARY: Readonly<Record<string, BinaryFn>> = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'div', '^': 'pow', '@': 'matmul' };

const ARITH: Readonly<Record<Exclude<BinaryFn, 'matmul'>, (a: number, b: number) => number>> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  pow: (a, b) => a ** b,
};

/** Local if any part is local. */
export const joinLocality = (...xs: Locality[]): Locality => (xs.includes('local') ? 'local' : 'global');

/** Infer the typed form of `expr`; `undefined` after reporting an error (so errors do not cascade). */
export function checkExpr(expr: Expr, env: ExprEnv): TypedExpr | undefined {
  const { reporter } = env;
  const span = expr.span;
  switch (expr.kind) {
    case 'Number':
      return { op: 'const', rowShape: [], locality: 'global', dtype: expr.isInteger ? 'int' : 'float', constant: expr.value, span };
    case 'Name':
      return checkName(expr, env);
    case 'Unary': {
      const arg = checkExpr(expr.operand, env);
      if (arg === undefined || expr.op === '+') return arg;
      const constant = arg.constant === undefined ? undefined : foldElementwise([{ value: arg.constant, shape: arg.rowShape }], (x) => -x);
      return { op: 'neg', arg, rowShape: arg.rowShape, locality: arg.locality, dtype: arg.dtype, span, ...(constant === undefined ? {} : { constant }) };
    }
    case 'Binary': {
      const left = checkExpr(expr.left, env);
      const right = checkExpr(expr.right, env);
      if (left === undefined || right === undefined) return undefined;
      const fn = BINARY[expr.op]!;
      const locality = joinLocality(left.locality, right.locality);
      if (fn === 'matmul') {
        const rowShape = matmulShape(left.rowShape, right.rowShape);
        if (typeof rowShape === 'string') {
          reporter.report('E0306', span, `cannot multiply ${formatShape(left.rowShape)} @ ${formatShape(right.rowShape)}: ${rowShape}`, 'the last size of the left operand must equal the first size of the right one');
          return undefined;
        }
        const dtype: DType = left.dtype === 'int' && right.dtype === 'int' ? 'int' : 'float';
        return { op: 'binary', fn, left, right, rowShape, locality, dtype, span };
      }
      const rowShape = broadcastShapes(left.rowShape, right.rowShape);
      if (rowShape === undefined) {
        reporter.report('E0305', span, `shapes ${formatShape(left.rowShape)} and ${formatShape(right.rowShape)} do not broadcast in '${expr.op}'`, 'trailing sizes must be equal or 1; index or reshape one operand');
        return undefined;
      }
      const intResult = left.dtype === 'int' && right.dtype === 'int' && (fn === 'add' || fn === 'sub' || fn === 'mul' || (fn === 'pow' && typeof right.constant === 'number' && right.constant >= 0));
      const constant =
        left.constant !== undefined && right.constant !== undefined
          ? foldElementwise([{ value: left.constant, shape: left.rowShape }, { value: right.constant, shape: right.rowShape }], ARITH[fn])
          : undefined;
      return { op: 'binary', fn, left, right, rowShape, locality, dtype: intResult ? 'int' : 'float', span, ...(constant === undefined ? {} : { constant }) };
    }
    case 'Call':
      return checkCall(expr, env);
    case 'Index':
      return checkIndex(expr, env);
    case 'Vector': {
      const elements = expr.elements.map((e) => checkExpr(e, env));
      if (elements.some((e) => e === undefined)) return undefined;
      const typed = elements as TypedExpr[];
      const first = typed[0]!;
      const odd = typed.find((e) => formatShape(e.rowShape) !== formatShape(first.rowShape));
      if (odd !== undefined) {
        reporter.report('E0313', odd.span, `vector element has shape ${formatShape(odd.rowShape)}, but the first element has shape ${formatShape(first.rowShape)}`, 'all elements of [a, b, …] must have the same shape');
        return undefined;
      }
      const constant = typed.every((e) => e.constant !== undefined) ? typed.map((e) => e.constant!) : undefined;
      return {
        op: 'vector', elements: typed, rowShape: [typed.length, ...first.rowShape],
        locality: joinLocality(...typed.map((e) => e.locality)),
        dtype: typed.every((e) => e.dtype === 'int') ? 'int' : 'float', span,
        ...(constant === undefined ? {} : { constant }),
      };
    }
  }
}

function checkName(expr: { name: string; span: Span; kind: 'Name' }, env: ExprEnv): TypedExpr | undefined {
  const span = expr.span;
  const sym = env.resolve({ kind: 'Identifier', name: expr.name, span });
  if (sym === undefined) return undefined;
  switch (sym.kind) {
    case 'dim':
      return sym.value === undefined ? undefined : { op: 'const', rowShape: [], locality: 'global', dtype: 'int', constant: sym.value, span };
    case 'const':
      return sym.value === undefined ? undefined : { op: 'const', rowShape: [], locality: 'global', dtype: 'float', constant: sym.value, span };
    case 'net':
      env.reporter.report('E0205', span, `'${sym.name}' is a network, not a value`, `apply it to an input: ${sym.name}(…)`);
      return undefined;
    case 'let': {
      const e = sym.expr;
      if (e === undefined) return undefined;
      return { op: 'ref', id: sym.id, refKind: 'let', rowShape: e.rowShape, locality: e.locality, dtype: e.dtype, span, ...(e.constant === undefined ? {} : { constant: e.constant }) };
    }
    default: {
      if (sym.type === undefined) return undefined;
      const locality: Locality = sym.kind === 'data' ? 'local' : sym.locality;
      return { op: 'ref', id: sym.id, refKind: sym.kind, rowShape: sym.type.shape, locality, dtype: isIntegerKind(sym.type.kind) ? 'int' : 'float', span };
    }
  }
}

/**
 * Shapes of `@` on vectors and matrices (NumPy `matmul` for ranks 1 and 2), or why they do not fit:
 * [D, K] @ [K] → [D], [K] @ [K, D] → [D], [A, B] @ [B, C] → [A, C], [K] @ [K] → [].
 */
export function matmulShape(a: readonly number[], b: readonly number[]): number[] | string {
  if (a.length === 0 || b.length === 0 || a.length > 2 || b.length > 2) return 'both operands must be vectors or matrices';
  const k1 = a[a.length - 1]!;
  const k2 = b.length === 1 ? b[0]! : b[0]!;
  if (k1 !== k2) return `inner sizes ${k1} and ${k2} differ`;
  return [...a.slice(0, -1), ...b.slice(1)];
}

function checkCall(call: Call, env: ExprEnv): TypedExpr | undefined {
  const name = call.callee.name;
  if (isElementwise(name) || isAxisFn(name)) return checkBuiltin(call, env);
  if (env.isFamily(name) && !env.declares(name)) {
    env.reporter.report('E0205', call.callee.span, `'${name}' is a distribution family, not a function`, `distributions appear only on the right of a factor: p(x | …) = ${name}(…)`);
    return undefined;
  }
  if (!env.declares(name)) {
    const hint = didYouMean(name, [...BUILTIN_NAMES, ...env.netNames()]);
    env.reporter.report('E0206', call.callee.span, `unknown function '${name}'`, hint ?? `built-in functions are ${BUILTIN_NAMES.join(', ')}; networks are declared with 'net'`);
    return undefined;
  }
  const sym = env.resolve(call.callee);
  if (sym === undefined) return undefined;
  if (sym.kind !== 'net') {
    env.reporter.report('E0205', call.callee.span, `'${name}' is a ${sym.kind}, not a function or network`, `only networks and built-in functions can be called`);
    return undefined;
  }
  return checkNetCall(call, sym, env);
}

function checkNetCall(call: Call, sym: NetSymbol, env: ExprEnv): TypedExpr | undefined {
  const span = call.span;
  if (call.args.length !== 1 || call.args[0]!.name !== undefined) {
    env.reporter.report('E0805', span, `network '${sym.name}' takes exactly one positional argument, got ${call.args.length}`, `apply it to one value: ${sym.name}(z); concatenate several inputs with a vector literal`);
    return undefined;
  }
  const input = checkExpr(call.args[0]!.value, env);
  if (input === undefined || sym.net === undefined) return undefined;
  const widths = sym.net.widths;
  const inWidth = widths[0]!;
  const outWidth = widths[widths.length - 1]!;
  const last = input.rowShape.length === 0 ? 1 : input.rowShape[input.rowShape.length - 1]!;
  if (last !== inWidth) {
    env.reporter.report('E0312', input.span, `network '${sym.name}' takes inputs of size ${inWidth}, but this value has shape ${formatShape(input.rowShape)} (last size ${last})`, `make the network's first width ${last}, or pass a value whose last size is ${inWidth}`);
    return undefined;
  }
  const rowShape = input.rowShape.length === 0 ? (outWidth === 1 ? [] : [outWidth]) : [...input.rowShape.slice(0, -1), outWidth];
  return { op: 'net', net: sym.id, input, rowShape, locality: input.locality, dtype: 'float', span };
}
