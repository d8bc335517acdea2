/**
 * Expression checking: resolves names and infers each expression's row shape, locality, dtype
 * and folded constant value, reporting shape and name errors at the offending sub-expression.
 */
import type { Call, Expr, Identifier, Index, IndexItem, Locality } from '../ast.js';
import { broadcastShapes, formatShape } from '../../distributions/shapes.js';
import type { Span } from '../span.js';
import { AXIS_FNS, BUILTIN_NAMES, ELEMENTWISE, isAxisFn, isElementwise } from './builtins.js';
import { foldElementwise } from './fold.js';
import type { Reporter } from './reporter.js';
import { didYouMean } from '../suggest.js';
import type { NetSymbol, Sym } from './symbols.js';
import type { BinaryFn, DType, TypedExpr, TypedIndex } from './typed-expr.js';
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

const joinLocality = (...xs: Locality[]): Locality => (xs.includes('local') ? 'local' : 'global');

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
          reporter.report('E0306', span, `cannot multiply ${formatShape(left.rowShape)} @ ${formatShape(right.rowShape)}: ${rowShape}`, 'the last size of the left operand must equal the first (for a vector) or second-to-last size of the right one');
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

/** NumPy `matmul` shapes, or why they do not fit. */
export function matmulShape(a: readonly number[], b: readonly number[]): number[] | string {
  if (a.length === 0 || b.length === 0) return 'both operands need at least one axis';
  const left = a.length === 1 ? [1, a[0]!] : a;
  const right = b.length === 1 ? [b[0]!, 1] : b;
  const k1 = left[left.length - 1]!;
  const k2 = right[right.length - 2]!;
  if (k1 !== k2) return `inner sizes ${k1} and ${k2} differ`;
  const batch = broadcastShapes(left.slice(0, -2), right.slice(0, -2));
  if (batch === undefined) return `leading sizes ${formatShape(left.slice(0, -2))} and ${formatShape(right.slice(0, -2))} do not broadcast`;
  return [...batch, ...(a.length === 1 ? [] : [left[left.length - 2]!]), ...(b.length === 1 ? [] : [right[right.length - 1]!])];
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

function positional(call: Call, env: ExprEnv, what: string, allowed: readonly string[] = []): (TypedExpr | undefined)[] | undefined {
  const bad = call.args.find((a) => a.name !== undefined && !allowed.includes(a.name.name));
  if (bad !== undefined) {
    env.reporter.report('E0309', bad.span, `${what} takes no argument named '${bad.name!.name}'`, allowed.length > 0 ? `its named arguments are ${allowed.join(', ')}` : 'pass the argument positionally');
    return undefined;
  }
  return call.args.map((a) => checkExpr(a.value, env));
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

function checkBuiltin(call: Call, env: ExprEnv): TypedExpr | undefined {
  const { reporter } = env;
  const name = call.callee.name;
  const span = call.span;
  if (isElementwise(name)) {
    const args = positional(call, env, `'${name}'`);
    if (args === undefined) return undefined;
    if (args.length !== 1) {
      reporter.report('E0309', span, `'${name}' takes one argument, got ${args.length}`, `write ${name}(x)`);
      return undefined;
    }
    const arg = args[0];
    if (arg === undefined) return undefined;
    const constant = arg.constant === undefined ? undefined : foldElementwise([{ value: arg.constant, shape: arg.rowShape }], ELEMENTWISE[name]);
    return { op: 'elementwise', fn: name, arg, rowShape: arg.rowShape, locality: arg.locality, dtype: 'float', span, ...(constant === undefined ? {} : { constant }) };
  }
  if (!isAxisFn(name)) return undefined;
  const spec = AXIS_FNS[name];
  const args = positional(call, env, `'${name}'`, spec.axis ? ['axis'] : []);
  if (args === undefined) return undefined;
  const max = spec.values + (spec.axis ? 1 : 0);
  if (args.length < spec.values || args.length > max) {
    const form = name === 'dot' ? 'dot(a, b)' : spec.axis ? `${name}(x) or ${name}(x, axis)` : `${name}(x)`;
    reporter.report('E0309', span, `'${name}' takes ${spec.values === max ? spec.values : `${spec.values} or ${max}`} argument${max === 1 ? '' : 's'}, got ${args.length}`, `write ${form}`);
    return undefined;
  }
  if (args.some((a) => a === undefined)) return undefined;
  const values = args.slice(0, spec.values) as TypedExpr[];
  const x = values[0]!;
  const rank = x.rowShape.length;
  let axis: number | undefined;
  if (args.length > spec.values) {
    const a = args[spec.values]!;
    if (typeof a.constant !== 'number' || !Number.isInteger(a.constant)) {
      reporter.report('E0304', a.span, `the axis of '${name}' must be a constant integer`, 'write a number such as 0 or -1');
      return undefined;
    }
    axis = a.constant < 0 ? a.constant + rank : a.constant;
    if (axis < 0 || axis >= rank) {
      reporter.report('E0309', a.span, `axis ${a.constant} is outside a value of shape ${formatShape(x.rowShape)}`, rank === 0 ? `the value is a scalar and has no axes` : `axes run from 0 to ${rank - 1} (or -1 for the last)`);
      return undefined;
    }
  }
  const base = { locality: joinLocality(...values.map((v) => v.locality)), span };
  switch (name) {
    case 'sum':
    case 'logsumexp': {
      const rowShape = axis === undefined ? [] : x.rowShape.filter((_, i) => i !== axis);
      const dtype: DType = name === 'sum' ? x.dtype : 'float';
      return { op: 'axis', fn: name, args: values, rowShape, dtype, ...base, ...(axis === undefined ? {} : { axis }) };
    }
    case 'softmax': {
      if (rank === 0) {
        reporter.report('E0309', x.span, `'softmax' needs a vector, got a scalar`, 'softmax normalizes over an axis of size K');
        return undefined;
      }
      return { op: 'axis', fn: name, args: values, rowShape: x.rowShape, dtype: 'float', ...base, axis: axis ?? rank - 1 };
    }
    case 'transpose': {
      if (rank < 2) {
        reporter.report('E0309', x.span, `'transpose' needs a matrix, got shape ${formatShape(x.rowShape)}`, 'transpose swaps the last two axes');
        return undefined;
      }
      const rowShape = [...x.rowShape.slice(0, -2), x.rowShape[rank - 1]!, x.rowShape[rank - 2]!];
      return { op: 'axis', fn: name, args: values, rowShape, dtype: x.dtype, ...base };
    }
    case 'dot': {
      const y = values[1]!;
      const k1 = x.rowShape[rank - 1];
      const k2 = y.rowShape[y.rowShape.length - 1];
      const lead = broadcastShapes(x.rowShape.slice(0, -1), y.rowShape.slice(0, -1));
      if (k1 === undefined || k2 === undefined || k1 !== k2 || lead === undefined) {
        reporter.report('E0305', span, `cannot take dot of shapes ${formatShape(x.rowShape)} and ${formatShape(y.rowShape)}`, 'both need a last axis of the same size, and broadcastable leading axes');
        return undefined;
      }
      return { op: 'axis', fn: name, args: values, rowShape: lead, dtype: x.dtype === 'int' && y.dtype === 'int' ? 'int' : 'float', ...base };
    }
  }
}

function checkIndex(expr: Index, env: ExprEnv): TypedExpr | undefined {
  const { reporter } = env;
  const target = checkExpr(expr.target, env);
  if (target === undefined) return undefined;
  const shape = target.rowShape;
  if (expr.items.length > shape.length) {
    reporter.report('E0307', expr.span, `too many indices: a value of shape ${formatShape(shape)} has ${shape.length} ax${shape.length === 1 ? 'is' : 'es'}, got ${expr.items.length} indices`, 'give at most one index or slice per axis');
    return undefined;
  }
  const items: TypedIndex[] = [];
  const rowShape: number[] = [];
  const localities: Locality[] = [target.locality];
  for (const [axis, item] of expr.items.entries()) {
    const size = shape[axis]!;
    const typed = checkIndexItem(item, size, axis, env);
    if (typed === undefined) return undefined;
    if (typed.kind === 'slice') rowShape.push(typed.end - typed.start);
    if (typed.kind === 'gather') {
      if (items.some((i) => i.kind === 'gather')) {
        reporter.report('E0308', item.span, 'at most one index may vary per row or sample', 'index the other axes with constants or slices');
        return undefined;
      }
      localities.push(typed.index.locality);
    }
    items.push(typed);
  }
  rowShape.push(...shape.slice(expr.items.length));
  return { op: 'index', target, items, rowShape, locality: joinLocality(...localities), dtype: target.dtype, span: expr.span };
}

function checkIndexItem(item: IndexItem, size: number, axis: number, env: ExprEnv): TypedIndex | undefined {
  const { reporter } = env;
  if (item.kind === 'Slice') {
    const bound = (e: Expr | undefined, fallback: number): number | undefined => {
      if (e === undefined) return fallback;
      const t = checkExpr(e, env);
      if (t === undefined) return undefined;
      if (typeof t.constant !== 'number' || !Number.isInteger(t.constant)) {
        reporter.report('E0304', e.span, 'slice bounds must be constant integers', 'use numbers, dims and arithmetic on them, e.g. h[K:2*K]');
        return undefined;
      }
      return t.constant;
    };
    const start = bound(item.start, 0);
    const end = bound(item.end, size);
    if (start === undefined || end === undefined) return undefined;
    if (start < 0 || end > size || start >= end) {
      reporter.report('E0307', item.span, `slice ${start}:${end} does not fit axis ${axis} of size ${size}`, `slices are half-open and 0-based: 0 ≤ start < end ≤ ${size}`);
      return undefined;
    }
    return { kind: 'slice', start, end };
  }
  const index = checkExpr(item.index, env);
  if (index === undefined) return undefined;
  if (index.constant !== undefined) {
    const v = index.constant;
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      reporter.report('E0308', item.span, `an index must be a scalar integer, got ${JSON.stringify(v)}`, 'indices are 0-based integers');
      return undefined;
    }
    if (v < 0 || v >= size) {
      reporter.report('E0307', item.span, `index ${v} is out of range for axis ${axis} of size ${size}`, `indices are 0-based: 0 ≤ i < ${size}`);
      return undefined;
    }
    return { kind: 'at', index: v };
  }
  if (index.rowShape.length > 0 || index.dtype !== 'int') {
    reporter.report('E0308', item.span, `an index must be a scalar integer, got a ${index.dtype === 'int' ? 'value of shape ' + formatShape(index.rowShape) : 'real-valued expression'}`, 'index by a constant or by an int, count or category variable');
    return undefined;
  }
  if (index.op === 'ref') {
    const sym = env.byId(index.id);
    if (sym !== undefined && (sym.kind === 'latent' || sym.kind === 'data' || sym.kind === 'param') && sym.type?.kind === 'category' && sym.type.kindArgs[0] !== size) {
      reporter.report('E0308', item.span, `'${sym.name}' is a category(${sym.type.kindArgs[0]}) but indexes axis ${axis} of size ${size}`, `declare '${sym.name} : category(${size})' or index an axis of size ${sym.type.kindArgs[0]}`);
      return undefined;
    }
  }
  return { kind: 'gather', index };
}

