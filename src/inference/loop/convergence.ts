/**
 * Convergence detection for stochastic optimization of a noisy objective, after Stan's ADVI rule.
 *
 * The objective is averaged over windows of `window` steps. After each window, the relative change
 * of the windowed mean, |(m_t − m_{t−1}) / m_t|, is pushed into a circular buffer of the last
 * `history` changes; the run has converged when the mean or the median of that buffer falls below
 * `tolerance` (Stan: `tol_rel_obj`, default 0.01). Averaging before differencing keeps the rule from
 * firing on a lucky single-step estimate.
 */

export interface ConvergenceOptions {
  /** Steps averaged into one objective estimate (Stan's `eval_elbo`, default 100). */
  readonly window: number;
  /** How many relative changes are kept (default 10). */
  readonly history: number;
  /** Relative tolerance (default 0.01). */
  readonly tolerance: number;
}

export const DEFAULT_CONVERGENCE: ConvergenceOptions = { window: 100, history: 10, tolerance: 0.01 };

export type ConvergenceVerdict =
  | { readonly converged: false }
  | { readonly converged: true; readonly rule: 'mean' | 'median'; readonly relativeChange: number };

/** Serializable state, so that a resumed run decides exactly as an uninterrupted one. */
export interface ConvergenceState {
  readonly windowSum: number;
  readonly windowCount: number;
  readonly previousMean: number | null;
  readonly changes: readonly number[];
}

export class ConvergenceMonitor {
  private windowSum = 0;
  private windowCount = 0;
  private previousMean: number | null = null;
  private changes: number[] = [];

  constructor(readonly options: ConvergenceOptions = DEFAULT_CONVERGENCE) {
    if (!(options.window >= 1 && options.history >= 1 && options.tolerance > 0)) {
      throw new RangeError('convergence: window and history must be ≥ 1 and tolerance > 0');
    }
  }

  /** Record one step's objective value; returns the verdict (only ever true at a window's end). */
  update(objective: number): ConvergenceVerdict {
    this.windowSum += objective;
    this.windowCount += 1;
    if (this.windowCount < this.options.window) return { converged: false };
    const mean = this.windowSum / this.windowCount;
    this.windowSum = 0;
    this.windowCount = 0;
    const previous = this.previousMean;
    this.previousMean = mean;
    if (previous === null) return { converged: false };
    this.changes.push(Math.abs((mean - previous) / mean));
    if (this.changes.length > this.options.history) this.changes.shift();
    // Judge only once the buffer is full, so that the first noisy windows cannot stop a run.
    if (this.changes.length < this.options.history) return { converged: false };
    const meanChange = this.changes.reduce((a, b) => a + b, 0) / this.changes.length;
    if (meanChange < this.options.tolerance) return { converged: true, rule: 'mean', relativeChange: meanChange };
    const medianChange = median(this.changes);
    if (medianChange < this.options.tolerance) return { converged: true, rule: 'median', relativeChange: medianChange };
    return { converged: false };
  }

  state(): ConvergenceState {
    return { windowSum: this.windowSum, windowCount: this.windowCount, previousMean: this.previousMean, changes: [...this.changes] };
  }

  load(state: ConvergenceState): void {
    this.windowSum = state.windowSum;
    this.windowCount = state.windowCount;
    this.previousMean = state.previousMean;
    this.changes = [...state.changes];
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
