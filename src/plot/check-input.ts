/** Argument checks shared by the chart builders; each failure names the offending argument. */
import { PlotInputError } from './plot-error.js';

/** Throw unless `value` is an integer ≥ `min`. */
export function requireInteger(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new PlotInputError(`${name} must be an integer ≥ ${min}, got ${value}`);
  }
}

/** Throw unless `values.length === expected`. */
export function requireLength(name: string, values: ArrayLike<unknown>, expected: number): void {
  if (values.length !== expected) {
    throw new PlotInputError(`${name} has length ${values.length}, expected ${expected}`);
  }
}

/** Throw at the first non-finite entry of `values`, naming its index. */
export function requireFinite(name: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new PlotInputError(`${name}[${i}] is ${values[i]}; only finite numbers can be plotted`);
    }
  }
}
