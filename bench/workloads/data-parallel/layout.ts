/**
 * Shared-memory layout between the data-parallel trainer and its workers.
 *
 * `ctrl` (Int32Array over a SharedArrayBuffer) holds counters the threads wait on with
 * Atomics.wait: GO (step number released by the trainer; −1 = stop), ARRIVED (gradients written,
 * cumulative over steps), DONE (update applied, cumulative), ROWS (batch size of this step).
 */
export const GO = 0;
export const ARRIVED = 1;
export const DONE = 2;
export const ROWS = 3;
export const CTRL_LENGTH = 4;

export interface WorkerSetup {
  readonly rank: number;
  readonly world: number;
  readonly seed: number;
  readonly backend: string;
  readonly objective: 'elbo' | 'iwae';
  readonly trainK: number;
  readonly maxBatch: number;
  readonly xDim: number;
  readonly zDim: number;
  readonly ctrl: SharedArrayBuffer;
  /** [maxBatch, xDim] binarized images of this step. */
  readonly x: SharedArrayBuffer;
  /** [trainK, maxBatch, zDim] standard normal draws of this step. */
  readonly eps: SharedArrayBuffer;
  /** [world, nParams] each worker's gradient, variables concatenated in vaeVariables order. */
  readonly grads: SharedArrayBuffer;
  /** [world] float64 partial sums of the objective. */
  readonly objectiveSums: SharedArrayBuffer;
}

/** Block until ctrl[slot] ≥ target. */
export function waitAtLeast(ctrl: Int32Array, slot: number, target: number): void {
  for (;;) {
    const v = Atomics.load(ctrl, slot);
    if (v >= target || v < 0) return;
    Atomics.wait(ctrl, slot, v);
  }
}

/** ctrl[slot] += 1 and wake everyone waiting on it. */
export function arrive(ctrl: Int32Array, slot: number): void {
  Atomics.add(ctrl, slot, 1);
  Atomics.notify(ctrl, slot);
}
