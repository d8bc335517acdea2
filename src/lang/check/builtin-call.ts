/**
 * Calls of built-in functions: elementwise maps (`exp`, `softplus`, …), reductions and axis
 * operations (`sum`, `logsumexp`, `softmax`, `transpose`, `dot`) with their shape rules.
 */
import type { Call } from '../ast.js';
import { broadcastShapes, formatShape } from '../../distributions/shapes.js';
import { AXIS_FNS, ELEMENTWISE, isAxisFn, isElementwise } from './builtins.js';
import { checkExpr, joinLocality, type ExprEnv } from './expr.js';
import { foldElementwise } from './fold.js';
import type { DType, TypedExpr } from './typed-expr.js';

function positional(call: Call, env: ExprEnv, what: string, allowed: readonly string[] = []): (TypedExpr | undefined)[] | undefined {
  const bad = call.args.find((a) => a.name !== undefined && !allowed.includes(a.name.name));
  if (bad !== undefined) {
    env.reporter.report('E0309', bad.span, `${what} takes no argument named '${bad.name!.name}'`, allowed.length > 0 ? `its named arguments are ${allowed.join(', ')}` : 'pass the argument positionally');
    return undefined;
  }
  return call.args.map((a) => checkExpr(a.value, env));
}

/** Type a call of a built-in: `exp(x)` keeps the shape, `sum(x, 1)` drops axis 1, `dot(a, b)` sums over the last axis. */
export function checkBuiltin(call: Call, env: ExprEnv): TypedExpr | undefined {
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
