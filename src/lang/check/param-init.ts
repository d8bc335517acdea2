/**
 * Initial values of parameters (`param s : positive = 1`): a constant that broadcasts to the
 * declared shape and lies in the declared type.
 */
import { broadcastShapes, formatShape } from '../../distributions/shapes.js';
import { constantViolation } from './constant-constraint.js';
import { foldElementwise } from './fold.js';
import { constantRange, formatRange } from './range.js';
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
  // Check the value as broadcast to the declared shape, so a scalar can initialize a simplex.
  const full = foldElementwise([{ value: init.constant, shape: init.rowShape }, { value: 0, shape: type.shape }], (v) => v)!;
  if (constantViolation(type.constraint, full, type.shape) !== undefined) {
    reporter.report('E0314', init.span, `the initial value ${formatRange(constantRange(init.constant))} of '${name}' is not a valid ${formatType(type)}`, `'${name}' must lie in ${type.constraint.toString()}`);
    return undefined;
  }
  return init.constant;
}
