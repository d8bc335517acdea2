/**
 * Constant folding on nested-array values, with NumPy broadcasting, for expressions whose
 * operands are all compile-time constants (`2 * K`, `[1, 1, 1] / 3`).
 */
import { broadcastShapes, sizeOf, unravelIndex } from '../../distributions/shapes.js';
import type { ConstValue } from './typed-expr.js';

/** Row-major elements of a nested value. */
export function flatten(value: ConstValue): number[] {
  return typeof value === 'number' ? [value] : value.flatMap(flatten);
}

/** The nested value of `shape` holding `flat` in row-major order. */
export function reshape(flat: readonly number[], shape: readonly number[]): ConstValue {
  if (shape.length === 0) return flat[0]!;
  const [first, ...rest] = shape;
  const step = sizeOf(rest);
  return Array.from({ length: first! }, (_, i) => reshape(flat.slice(i * step, (i + 1) * step), rest));
}

/** Apply `f` elementwise to broadcast operands; `undefined` if the shapes do not broadcast. */
export function foldElementwise(
  operands: readonly { value: ConstValue; shape: readonly number[] }[],
  f: (...xs: number[]) => number,
): ConstValue | undefined {
  const shape = broadcastShapes(...operands.map((o) => o.shape));
  if (shape === undefined) return undefined;
  const flats = operands.map((o) => flatten(o.value));
  const out: number[] = [];
  for (let i = 0; i < sizeOf(shape); i++) {
    const index = unravelIndex(i, shape);
    out.push(f(...operands.map((o, k) => flats[k]![flatIndex(index, o.shape)]!)));
  }
  return reshape(out, shape);
}

/** The flat position in an operand of `shape` that a broadcast multi-index reads. */
function flatIndex(index: readonly number[], shape: readonly number[]): number {
  let flat = 0;
  const offset = index.length - shape.length;
  for (let i = 0; i < shape.length; i++) flat = flat * shape[i]! + (shape[i] === 1 ? 0 : index[i + offset]!);
  return flat;
}
