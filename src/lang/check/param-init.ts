/**
 * Initial values of parameters (`param s : positive = 1`): a constant that broadcasts to the
 * declared shape and lies in the declared type.
 */
import { broadcastShapes, formatShape } from '../../distributions/shapes.js';
import { flatten } from './fold.js';
import { constantRange, formatRange } from './range.js';
import { requiredRange } from './argument-constraint.js';
import type { Reporter } from './reporter.js';
import type { ConstValue, TypedExpr } from './typed-expr.js';
import { formatType, type ValueType } from './value-type.js';

export function checkParamInit(name: string, type: ValueType, init: TypedExpr, reporter: Reporter): ConstValue | undefined {
  if (init.constant === undefined) {
    reporter.report('E0314', init.span, `the initial value of '${name}' must be a constant`, 'use numbers, dims and consts, e.g. = 1');
    return undefined;
  }
  const fits = broadcastShapes(init.rowShape, type.shape);
  if (fits === undefined || fits.length !== type.shape.length || fits.some((d, i) => d !== type.shape[i])) {
    reporter.report('E0314', init.span, `the initial value of '${name}' has shape ${formatShape(init.rowShape)}, which does not broadcast to ${formatShape(type.shape)}`, `give a scalar or a value of shape ${formatShape(type.shape)}`);
    return undefined;
  }
  const required = requiredRange(type.constraint);
  const values = flatten(init.constant);
  const bad = required === undefined ? undefined : values.find((v) => !required.admits(v));
  if (bad !== undefined || !eventValid(type, init.constant)) {
    reporter.report('E0314', init.span, `the initial value ${formatRange(constantRange(init.constant))} of '${name}' is not a valid ${formatType(type)}`, `'${name}' must lie in ${type.constraint.toString()}`);
    return undefined;
  }
  return init.constant;
}

/** Simplex initial values must sum to one along the last axis; matrices are checked at run time. */
function eventValid(type: ValueType, value: ConstValue): boolean {
  if (type.kind !== 'simplex') return true;
  const k = type.shape[type.shape.length - 1]!;
  const flat = flatten(value);
  if (flat.length === 1) return Math.abs(flat[0]! * k - 1) < 1e-6;
  for (let i = 0; i < flat.length; i += k) {
    const row = flat.slice(i, i + k);
    if (row.some((v) => v < 0) || Math.abs(row.reduce((a, b) => a + b, 0) - 1) > 1e-6) return false;
  }
  return true;
}
