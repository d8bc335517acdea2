/**
 * The built-in functions of the expression language and how each transforms shapes.
 */
import type { AxisFn, ElementwiseFn } from './typed-expr.js';

/** Elementwise built-ins with their plain-number versions, for constant folding. */
export const ELEMENTWISE: Readonly<Record<ElementwiseFn, (x: number) => number>> = {
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
  abs: Math.abs,
  softplus: (x) => (x > 30 ? x : Math.log1p(Math.exp(x))),
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  tanh: Math.tanh,
  relu: (x) => Math.max(0, x),
  log1p: Math.log1p,
  expm1: Math.expm1,
  square: (x) => x * x,
};

/** Axis built-ins with their positional arity (an optional axis counts as the last one). */
export const AXIS_FNS: Readonly<Record<AxisFn, { values: number; axis: boolean }>> = {
  sum: { values: 1, axis: true },
  logsumexp: { values: 1, axis: true },
  softmax: { values: 1, axis: true },
  transpose: { values: 1, axis: false },
  dot: { values: 2, axis: false },
};

/** Whether `name` is an elementwise built-in. */
export function isElementwise(name: string): name is ElementwiseFn {
  return Object.prototype.hasOwnProperty.call(ELEMENTWISE, name);
}

/** Whether `name` is an axis built-in. */
export function isAxisFn(name: string): name is AxisFn {
  return Object.prototype.hasOwnProperty.call(AXIS_FNS, name);
}

/** Every built-in function name, for suggestions. */
export const BUILTIN_NAMES: readonly string[] = [...Object.keys(ELEMENTWISE), ...Object.keys(AXIS_FNS)];
