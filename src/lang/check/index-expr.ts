/**
 * Indexing: constant indices and slices on leading row axes (bounds-checked), and gathers by a
 * scalar integer expression such as a `category(K)` latent (its K checked against the axis).
 */
import type { Expr, Index, IndexItem, Locality } from '../ast.js';
import { formatShape } from '../../distributions/shapes.js';
import { checkExpr, joinLocality, type ExprEnv } from './expr.js';
import type { TypedExpr, TypedIndex } from './typed-expr.js';

/** Type `target[items]`: an index drops its axis, a slice keeps it with its new size. */
export function checkIndex(expr: Index, env: ExprEnv): TypedExpr | undefined {
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
