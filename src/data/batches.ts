/**
 * Minibatch iteration: one pass (epoch) over the rows in a seeded random order, each batch
 * gathered into fresh typed arrays (one allocation per column per batch, no per-value objects).
 * Columns loaded with dynamic binarization are binarized per batch from the same Rng.
 *
 *   const rng = new Rng(1);
 *   for (let epoch = 0; epoch < 10; epoch++)
 *     for (const batch of batches(train, 128, rng)) step(batch.columns.x, batch.size);
 */
import type { Rng } from '../runtime/rng.js';
import { dynamicBinarize } from './binarize.js';
import type { ColumnValues, Dataset } from './spec.js';
import { permutation, toRng, type RngOrSeed } from './split.js';
import { gatherRows } from './subset.js';

export interface Batch {
  /** The dataset rows in this batch. */
  readonly indices: Int32Array;
  readonly size: number;
  /** Each column's rows, row-major: `size × rowSize` values. */
  readonly columns: Readonly<Record<string, ColumnValues>>;
  readonly labels?: Int32Array;
}

export interface BatchOptions {
  /** Visit rows in a random order (default true); false keeps file order. */
  readonly shuffle?: boolean;
  /** Drop a last batch smaller than `batchSize` (default false). */
  readonly dropLast?: boolean;
  /** Draw x ~ Bernoulli(intensity) for dynamically binarized columns (default true). */
  readonly dynamicBinarization?: boolean;
}

/**
 * The batches of one epoch. Pass an `Rng` to get a new order every epoch (its stream advances);
 * a number seed gives the same order every call.
 */
export function* batches(dataset: Dataset, batchSize: number, rngOrSeed: RngOrSeed, options: BatchOptions = {}): Generator<Batch> {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batch size must be a positive integer, got ${batchSize}`);
  const rng: Rng = toRng(rngOrSeed);
  const order = options.shuffle === false ? Int32Array.from({ length: dataset.n }, (_, i) => i) : permutation(dataset.n, rng);
  const binarize = options.dynamicBinarization !== false;
  for (let start = 0; start < dataset.n; start += batchSize) {
    const indices = order.subarray(start, Math.min(start + batchSize, dataset.n));
    if (options.dropLast && indices.length < batchSize) return;
    const columns: Record<string, ColumnValues> = {};
    for (const [name, column] of Object.entries(dataset.columns)) {
      const values = gatherRows(column, indices);
      columns[name] = binarize && column.dynamicBinarization ? dynamicBinarize(values as Float32Array, rng, values as Float32Array) : values;
    }
    const labels = dataset.labels;
    yield {
      indices: indices.slice(),
      size: indices.length,
      columns,
      ...(labels ? { labels: Int32Array.from(indices, (i) => labels[i]!) } : {}),
    };
  }
}
