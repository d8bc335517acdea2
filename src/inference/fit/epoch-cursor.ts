/**
 * Where a fit is in its pass over the data: the current epoch's row order, the next batch, and
 * the generator that shuffles and binarizes. Its state is saved in checkpoints, so a resumed run
 * sees exactly the batches an uninterrupted one would have seen.
 */
import { dynamicBinarize, gatherRows, permutation, type ColumnValues, type Dataset } from '../../data/index.js';
import { Rng, type RngState } from '../../runtime/rng.js';
import type { BatchInput } from '../trace.js';

export interface EpochCursorState {
  readonly epoch: number;
  readonly position: number;
  readonly order: number[];
  readonly rng: RngState;
}

export class EpochCursor {
  epoch = 0;
  private position = 0;
  private order: Int32Array;
  private rng: Rng;

  constructor(
    private readonly dataset: Dataset,
    readonly batchSize: number,
    seed: number,
  ) {
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batch size must be a positive integer, got ${batchSize}`);
    this.rng = new Rng(seed);
    this.order = batchSize >= dataset.n ? identity(dataset.n) : permutation(dataset.n, this.rng);
  }

  /** Batches per epoch (the last one may be smaller). */
  get batchesPerEpoch(): number {
    return Math.ceil(this.dataset.n / Math.min(this.batchSize, this.dataset.n));
  }

  /** The next batch; a new epoch (and a new order) starts when the previous one is used up. */
  next(): BatchInput {
    if (this.position >= this.dataset.n) {
      this.epoch += 1;
      this.position = 0;
      if (this.batchSize < this.dataset.n) this.order = permutation(this.dataset.n, this.rng);
    }
    const indices = this.order.slice(this.position, Math.min(this.position + this.batchSize, this.dataset.n));
    this.position += indices.length;
    const columns: Record<string, ColumnValues> = {};
    for (const [name, column] of Object.entries(this.dataset.columns)) {
      const values = gatherRows(column, indices);
      columns[name] = column.dynamicBinarization ? dynamicBinarize(values as Float32Array, this.rng, values as Float32Array) : values;
    }
    return { indices, size: indices.length, columns };
  }

  /** Whether the last batch returned finished an epoch. */
  get atEpochEnd(): boolean {
    return this.position >= this.dataset.n;
  }

  state(): EpochCursorState {
    return { epoch: this.epoch, position: this.position, order: Array.from(this.order), rng: this.rng.state() };
  }

  load(state: EpochCursorState): void {
    if (state.order.length !== this.dataset.n) throw new Error(`checkpoint was made on ${state.order.length} rows, the data has ${this.dataset.n}`);
    this.epoch = state.epoch;
    this.position = state.position;
    this.order = Int32Array.from(state.order);
    this.rng = Rng.fromState(state.rng);
  }
}

function identity(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i);
}

/** Every row of a data set as one batch, in order (evaluation, full-batch EM). */
export function wholeBatch(dataset: Dataset, indices?: Int32Array): BatchInput {
  const rows = indices ?? identity(dataset.n);
  const columns: Record<string, ColumnValues> = {};
  for (const [name, column] of Object.entries(dataset.columns)) columns[name] = gatherRows(column, rows);
  return { indices: rows, size: rows.length, columns };
}
