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

/** The folded initial value of param `name`, or undefined after reporting E0314. */
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
  // Broadcast over the constraint's event dims only (a scalar 0.5 initializes simplex[2] as
  // [0.5, 0.5]); the leading dims repeat the same values and may be large.
  const event = type.shape.slice(type.shape.length - type.constraint.eventRank);
  const shape = broadcastShapes(init.rowShape, event)!;
  const value = foldElementwise([{ value: init.constant, shape: init.rowShape }, { value: 0, shape }], (v) => v)!;
  if (constantViolation(type.constraint, value, shape) !== undefined) {
    reporter.report('E0314', init.span, `the initial value ${formatRange(constantRange(init.constant))} of '${name}' is not a valid ${formatType(type)}`, `'${name}' must lie in ${type.constraint.toString()}`);
    return undefined;
  }
  return init.constant;
}
