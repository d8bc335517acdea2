/**
 * Running a variational fit to the end: the method's defaults, the loop with progress reports,
 * convergence, periodic checkpoints and clean interruption. The CLI and the benchmarks drive fits
 * through this one function.
 */
import type { Dataset } from '../../data/index.js';
import type { InferMethod, ModelGraph } from '../../graph/ir.js';
import type { Schedule } from '../../optim/index.js';
import type { SitePlan } from '../guides/guide.js';
import { DEFAULT_CONVERGENCE, type ConvergenceOptions } from '../loop/convergence.js';
import type { Objective } from '../objectives/index.js';
import { prepare, type Prepared } from '../setup.js';
import { NonFiniteError } from './non-finite.js';
import { Svi, type OptimizerKind, type SviState } from './svi.js';

export type VariationalMethod = Exclude<InferMethod, 'em'>;

export interface FitOptions {
  readonly method: VariationalMethod;
  /** A guide declared in the model (default: chosen by the method, see `chooseGuide`). */
  readonly guide?: string;
  readonly objective: Objective;
  readonly optimizer?: OptimizerKind;
  /** Learning rate (default: 1e-3 for `svi`, 0.05 decaying 100-fold over the run for the others). */
  readonly lr?: number | Schedule;
  /** Rows per step (default: all rows; `svi` defaults to 128). */
  readonly batchSize?: number;
  /** Stop after this many steps... */
  readonly maxSteps?: number;
  /** ...or after this many passes over the data (one of the two; default 2,000 steps). */
  readonly epochs?: number;
  readonly seed: number;
  /** Stan's relative-tolerance rule; on by default unless `epochs` fixes the length. */
  readonly convergence?: ConvergenceOptions | false;
  readonly clipNorm?: number;
  /** Called every `progressEvery` steps (default 50) and at the end. */
  readonly onProgress?: (p: Progress) => void;
  readonly progressEvery?: number;
  /** Called with the state every `checkpointEvery` steps and when the fit stops for any reason. */
  readonly onCheckpoint?: (state: FitCheckpoint) => void;
  readonly checkpointEvery?: number;
  /** Checked after every step: when aborted, the fit stops after the current step, checkpoints and returns. */
  readonly signal?: AbortSignal;
  /** Continue from a checkpoint made with the same model, data, options and seed. */
  readonly resume?: FitCheckpoint;
}

/** Everything needed to continue a fit exactly: the loop's state and the objective trace so far. */
export interface FitCheckpoint extends SviState {
  readonly trace: readonly number[];
}

export interface Progress {
  readonly step: number;
  readonly maxSteps: number;
  readonly epoch: number;
  /** The objective per data row: the latest step's and the mean over the last report window. */
  readonly objective: number;
  readonly windowMean: number;
  readonly stepsPerSecond: number;
  /** Seconds left at the current speed, to maxSteps. */
  readonly etaSeconds: number;
  /** Set when the latest step was skipped as non-finite. */
  readonly problem?: string;
}

export type StopReason = 'converged' | 'max-steps' | 'interrupted';

export interface FitResult {
  readonly prepared: Prepared;
  readonly svi: Svi;
  /** The objective per data row at every step (skipped steps are NaN). */
  readonly trace: Float64Array;
  readonly steps: number;
  readonly stopReason: StopReason;
  readonly seconds: number;
  readonly plan: readonly SitePlan[];
}

/** The method's defaults, resolved against the data size. */
export function resolveFitOptions(options: FitOptions, rows: number) {
  const svi = options.method === 'svi';
  const batchSize = options.batchSize ?? (svi ? Math.min(128, rows) : rows);
  const stepsPerEpoch = Math.ceil(rows / Math.min(batchSize, rows));
  const maxSteps = options.maxSteps ?? (options.epochs !== undefined ? options.epochs * stepsPerEpoch : 2000);
  // Full-batch VI: Adam with a short second-moment memory and a decaying rate, like Stan's ADVI
  // step sequence, so the scales keep moving after the large early gradients have passed.
  const lr: number | Schedule = options.lr ?? (svi ? 1e-3 : { kind: 'exponential', lr: 0.05, rate: 0.01, decaySteps: maxSteps });
  const betas: [number, number] = svi ? [0.9, 0.999] : [0.9, 0.9];
  const convergence = options.convergence ?? (options.epochs !== undefined ? false : DEFAULT_CONVERGENCE);
  return { batchSize, maxSteps, lr, betas, convergence, optimizer: options.optimizer ?? 'adam' } as const;
}

export function runFit(graph: ModelGraph, data: Dataset, options: FitOptions): FitResult {
  const resolved = resolveFitOptions(options, data.n);
  const prepared = prepare(graph, data.n, options.seed, options.method, options.guide);
  const svi = new Svi(prepared.parts, prepared.guide, prepared.store, data, {
    objective: options.objective,
    optimizer: resolved.optimizer,
    lr: resolved.lr,
    betas: resolved.betas,
    batchSize: resolved.batchSize,
    seed: options.seed,
    convergence: resolved.convergence,
    clipNorm: options.clipNorm,
  });
  const trace = new Float64Array(resolved.maxSteps).fill(NaN);
  if (options.resume) {
    svi.load(options.resume);
    trace.set(options.resume.trace.slice(0, resolved.maxSteps));
  }
  const every = options.progressEvery ?? 50;
  const started = performance.now();
  let windowStart = performance.now();
  let windowSteps = 0;
  let windowSum = 0;
  let stopReason: StopReason = 'max-steps';
  const report = (objective: number, problem?: string) => {
    const now = performance.now();
    const rate = windowSteps / Math.max((now - windowStart) / 1000, 1e-9);
    options.onProgress?.({
      step: svi.step,
      maxSteps: resolved.maxSteps,
      epoch: svi.cursor.epoch,
      objective,
      windowMean: windowSum / Math.max(windowSteps, 1),
      stepsPerSecond: rate,
      etaSeconds: (resolved.maxSteps - svi.step) / Math.max(rate, 1e-9),
      ...(problem ? { problem } : {}),
    });
    windowStart = now;
    windowSteps = 0;
    windowSum = 0;
  };
  const checkpoint = () => options.onCheckpoint?.({ ...svi.state(), trace: Array.from(trace.subarray(0, svi.step)) });
  try {
    while (svi.step < resolved.maxSteps) {
      const r = svi.next();
      trace[svi.step - 1] = r.ok ? r.objective : NaN;
      windowSteps += 1;
      windowSum += r.ok ? r.objective : 0;
      if (svi.step % every === 0) report(r.objective, r.ok ? undefined : svi.lastProblem);
      if (options.checkpointEvery && svi.step % options.checkpointEvery === 0) checkpoint();
      if (r.converged) {
        stopReason = 'converged';
        break;
      }
      if (options.signal?.aborted) {
        stopReason = 'interrupted';
        break;
      }
    }
  } catch (e) {
    if (e instanceof NonFiniteError) checkpoint();
    throw e;
  }
  if (windowSteps > 0) report(trace[svi.step - 1]!);
  checkpoint();
  return {
    prepared,
    svi,
    trace: trace.slice(0, svi.step),
    steps: svi.step,
    stopReason,
    seconds: (performance.now() - started) / 1000,
    plan: prepared.guide.plan(),
  };
}
