/**
 * Gathering rows: the one primitive behind splits and minibatches. Rows are copied with
 * `TypedArray.set` of contiguous row slices into one preallocated array per column.
 */
import type { Column, ColumnValues, Dataset } from './spec.js';

/** Copy rows `indices` of a column into `out` (allocated when not given), row after row. */
export function gatherRows(column: Column, indices: ArrayLike<number>, out?: ColumnValues): ColumnValues {
  const size = column.rowSize;
  const target = out ?? (column.values instanceof Int32Array ? new Int32Array(indices.length * size) : new Float32Array(indices.length * size));
  if (target.length !== indices.length * size) {
    throw new RangeError(`gatherRows: out has ${target.length} values, need ${indices.length} rows × ${size}`);
  }
  const source = column.values;
  if (size === 1) {
    for (let k = 0; k < indices.length; k++) target[k] = source[indices[k]!]!;
  } else {
    for (let k = 0; k < indices.length; k++) {
      const start = indices[k]! * size;
      target.set(source.subarray(start, start + size), k * size);
    }
  }
  return target;
}

/** The dataset restricted to `indices`, in that order. */
export function subsetRows(dataset: Dataset, indices: ArrayLike<number>, source = dataset.source): Dataset {
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]!;
    if (!Number.isInteger(i) || i < 0 || i >= dataset.n) throw new RangeError(`subsetRows: row index ${i} is outside 0..${dataset.n - 1}`);
  }
  const columns: Record<string, Column> = {};
  for (const [name, c] of Object.entries(dataset.columns)) columns[name] = { ...c, values: gatherRows(c, indices) };
  const labels = dataset.labels;
  return {
    n: indices.length,
    columns,
    source,
    ...(labels ? { labels: Int32Array.from({ length: indices.length }, (_, k) => labels[indices[k]!]!) } : {}),
  };
}
