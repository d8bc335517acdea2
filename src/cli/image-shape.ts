/**
 * Which data variables are images, for the sample and reconstruction grids: a declared 2-D shape
 * [h, w], or a flat vector whose length is a square of at least 7×7 (MNIST's 784 = 28×28, the
 * digits' 64 = 8×8). Values are shown scaled to [0, 1] by the variable's data range.
 */
import type { Dataset } from '../data/index.js';

export interface ImageVariable {
  readonly name: string;
  readonly h: number;
  readonly w: number;
  /** The data's range, for scaling values to grey levels. */
  readonly min: number;
  readonly max: number;
}

export function imageVariables(data: Dataset): ImageVariable[] {
  const out: ImageVariable[] = [];
  for (const [name, column] of Object.entries(data.columns)) {
    const shape = column.spec.shape;
    let h: number;
    let w: number;
    if (shape.length === 2) [h, w] = shape as [number, number];
    else if (shape.length === 1 && Number.isInteger(Math.sqrt(shape[0]!)) && shape[0]! >= 49) h = w = Math.sqrt(shape[0]!);
    else continue;
    let min = Infinity;
    let max = -Infinity;
    for (const v of column.values) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    out.push({ name, h, w, min, max: max > min ? max : min + 1 });
  }
  return out;
}

/** Values scaled to [0, 1] by the variable's data range. */
export function toIntensities(values: ArrayLike<number>, image: ImageVariable): Float32Array {
  const out = new Float32Array(values.length);
  const span = image.max - image.min;
  for (let i = 0; i < values.length; i++) out[i] = (values[i]! - image.min) / span;
  return out;
}
