/**
 * Per-row parameters (local variational parameters of non-amortized guides): one value per data
 * row, of which a minibatch touches only B. They live on the host in one Float32Array per
 * parameter and are updated by a lazy Adam that moves only the rows in the batch, each with its own
 * step count, so a row's parameters evolve exactly as if it had its own Adam that stepped whenever
 * the row was visited. (A dense Adam over all N rows would keep moving unvisited rows by momentum.)
 */
import * as tf from '@tensorflow/tfjs';

export interface LocalParamState {
  readonly values: number[];
  readonly m: number[];
  readonly v: number[];
  readonly steps: number[];
}

export class LocalParam {
  readonly values: Float32Array;
  private readonly m: Float32Array;
  private readonly v: Float32Array;
  private readonly steps: Int32Array;
  readonly rowSize: number;

  constructor(
    readonly name: string,
    readonly rows: number,
    /** Shape of one row's (unconstrained) value. */
    readonly rowShape: readonly number[],
    initial: Float32Array,
  ) {
    this.rowSize = rowShape.reduce((a, b) => a * b, 1);
    if (initial.length !== rows * this.rowSize) throw new Error(`internal: local param '${name}' initial size ${initial.length} ≠ ${rows} × ${this.rowSize}`);
    this.values = initial;
    this.m = new Float32Array(initial.length);
    this.v = new Float32Array(initial.length);
    this.steps = new Int32Array(rows);
  }

  /** The rows of a batch as a tensor [B, ...rowShape]. */
  gather(indices: Int32Array): tf.Tensor {
    const out = new Float32Array(indices.length * this.rowSize);
    for (let k = 0; k < indices.length; k++) {
      const start = indices[k] * this.rowSize;
      out.set(this.values.subarray(start, start + this.rowSize), k * this.rowSize);
    }
    return tf.tensor(out, [indices.length, ...this.rowShape]);
  }

  /**
   * One Adam step (ascent direction handled by the caller: `grad` is the gradient of the loss to
   * minimize) on the rows of the batch. Duplicate indices in a batch are not expected (batches are
   * drawn without replacement).
   */
  adamStep(indices: Int32Array, grad: Float32Array, lr: number, beta1 = 0.9, beta2 = 0.999, eps = 1e-8): void {
    const size = this.rowSize;
    for (let k = 0; k < indices.length; k++) {
      const row = indices[k];
      const t = ++this.steps[row];
      const c1 = 1 - Math.pow(beta1, t);
      const c2 = 1 - Math.pow(beta2, t);
      const base = row * size;
      for (let j = 0; j < size; j++) {
        const g = grad[k * size + j];
        const i = base + j;
        this.m[i] = beta1 * this.m[i] + (1 - beta1) * g;
        this.v[i] = beta2 * this.v[i] + (1 - beta2) * g * g;
        this.values[i] -= (lr * (this.m[i] / c1)) / (Math.sqrt(this.v[i] / c2) + eps);
      }
    }
  }

  state(): LocalParamState {
    return { values: Array.from(this.values), m: Array.from(this.m), v: Array.from(this.v), steps: Array.from(this.steps) };
  }

  load(state: LocalParamState): void {
    if (state.values.length !== this.values.length) throw new Error(`checkpoint for local param '${this.name}' has ${state.values.length} values, expected ${this.values.length}`);
    this.values.set(state.values);
    this.m.set(state.m);
    this.v.set(state.v);
    this.steps.set(state.steps);
  }
}
