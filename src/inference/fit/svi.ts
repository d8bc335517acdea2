/**
 * The optimization loop every variational method runs on (mean-field, full-rank, amortized SVI,
 * MAP): draw a batch, trace guide and model, differentiate the objective, update θ and φ.
 *
 * `Svi` holds explicit, serializable state (parameters, optimizer moments, generators, data cursor,
 * convergence monitor), so `state()`/`load()` give exact checkpoints: a resumed run produces the
 * same numbers an uninterrupted one with the same seed does.
 */
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../../data/index.js';
import { DistributionError, setValidation, validationEnabled } from '../../distributions/index.js';
import { adam, rmsprop, sgd, type Optimizer, type OptimizerState, type Schedule } from '../../optim/index.js';
import { Rng, type RngState } from '../../runtime/rng.js';
import { fusedKernels } from '../../runtime/wasm-kernels.js';
import type { Guide } from '../guides/guide.js';
import { ConvergenceMonitor, type ConvergenceOptions, type ConvergenceState } from '../loop/convergence.js';
import type { Objective } from '../objectives/index.js';
import type { ParamStore, ParamStoreState } from '../params/param-store.js';
import { trace, type BatchInput, type ModelParts } from '../trace.js';
import { EpochCursor, type EpochCursorState } from './epoch-cursor.js';
import { LocalLeaves } from './local-leaves.js';
import { diagnoseNonFinite, NonFiniteError } from './non-finite.js';

export type OptimizerKind = 'adam' | 'sgd' | 'rmsprop';

export interface SviConfig {
  readonly objective: Objective;
  readonly optimizer: OptimizerKind;
  /** A constant learning rate or a schedule (decay, warm-up, cosine). */
  readonly lr: number | Schedule;
  readonly batchSize: number;
  readonly seed: number;
  /** Stop when the windowed objective stops changing (Stan's rule); false to run all steps. */
  readonly convergence: ConvergenceOptions | false;
  readonly clipNorm?: number;
  /** Adam's moment decay rates (default 0.9, 0.999). */
  readonly betas?: readonly [number, number];
  /** Enumerate small discrete latents (default true); false samples them with score-function gradients. */
  readonly enumerate?: boolean;
  /** Which trainable ids this loop updates (default: all). Variational EM alternates θ and φ. */
  readonly trainable?: (id: string) => boolean;
}

export interface StepResult {
  /** The objective over the whole data set, per data row (e.g. the ELBO per row). */
  readonly objective: number;
  /** False when the step was skipped because the objective or a gradient was not finite. */
  readonly ok: boolean;
  readonly converged: boolean;
}

export interface SviState {
  readonly step: number;
  readonly params: ParamStoreState;
  readonly optimizer: OptimizerState;
  readonly lrScale: number;
  readonly rng: RngState;
  readonly cursor: EpochCursorState;
  readonly convergence: ConvergenceState | null;
  readonly objective: Record<string, number>;
}

/** Consecutive non-finite steps before the learning rate is cut, and before the fit stops. */
const LOWER_LR_AFTER = 3;
const GIVE_UP_AFTER = 10;

export class Svi {
  step = 0;
  private optimizer: Optimizer;
  private lrScale = 1;
  private rng: Rng;
  readonly cursor: EpochCursor;
  private readonly monitor: ConvergenceMonitor | null;
  private readonly trainable: (id: string) => boolean;
  private failures = 0;

  constructor(
    readonly parts: ModelParts,
    readonly guide: Guide,
    readonly store: ParamStore,
    readonly data: Dataset,
    readonly config: SviConfig,
  ) {
    const root = new Rng(config.seed);
    this.rng = root.fork();
    this.cursor = new EpochCursor(data, Math.min(config.batchSize, data.n), root.nextUint32());
    this.monitor = config.convergence ? new ConvergenceMonitor(config.convergence) : null;
    this.trainable = config.trainable ?? (() => true);
    this.optimizer = this.makeOptimizer(1);
  }

  private makeOptimizer(scale: number): Optimizer {
    const vars = this.store.variables(this.trainable);
    const options = { lr: scaleSchedule(this.config.lr, scale), clipNorm: this.config.clipNorm };
    return this.config.optimizer === 'sgd' ? sgd(vars, options) : this.config.optimizer === 'rmsprop' ? rmsprop(vars, options) : adam(vars, { ...options, beta1: this.config.betas?.[0], beta2: this.config.betas?.[1] });
  }

  /** One optimization step on the next batch. Throws `NonFiniteError` after repeated failures. */
  next(): StepResult {
    const batch = this.cursor.next();
    const leaves = new LocalLeaves(this.store, batch.indices, this.trainable);
    const objective = this.config.objective;
    const validating = validationEnabled();
    // Steps run unchecked for speed; a failing step is re-run checked to say which argument broke.
    setValidation(false);
    let kept: tf.Tensor | undefined;
    let siteNames: string[] = [];
    try {
      // Every per-row parameter belongs to the model or to this fit's guide: bind them all up front,
      // since variableGrads needs its variables before it runs the loss.
      for (const id of this.store.localIds()) leaves.rows(id);
      const variables = [...this.optimizer.variables.filter((v) => v.trainable), ...leaves.variables()];
      const lossFn = () => {
        const t = trace(this.parts, this.guide, this.store, batch, {
          samples: objective.samplesPerRow,
          rng: this.rng,
          dataSize: this.data.n,
          enumeration: objective.enumeration,
          analyticKL: objective.analyticKL,
          aggregate: objective.needsAggregate,
          localRows: leaves.rows,
          stickTheLanding: objective.stickTheLanding,
          enumerate: this.config.enumerate ?? true,
        });
        const { loss, value } = objective.evaluate(t.terms, this.step);
        siteNames = t.terms.sites.map((s) => s.name);
        // Per-site totals (a latent's KL where the objective uses it), read only when something is not finite.
        kept = tf.keep(tf.stack([value, ...t.terms.sites.map((s) => (s.kl ?? (s.logQ ? s.logP.sub(s.logQ) : s.logP)).sum())]));
        return loss;
      };
      const { value: loss, grads } = tf.variableGrads(lossFn, variables);
      const lossValue = loss.dataSync()[0]!;
      loss.dispose();
      const values = kept!.dataSync();
      kept!.dispose();
      const ok = Number.isFinite(lossValue) && Number.isFinite(squaredNorm(Object.values(grads)));
      if (ok) {
        const localPrefix = `${this.store.prefix}local/`;
        this.optimizer.step(Object.fromEntries(Object.entries(grads).filter(([name]) => !name.startsWith(localPrefix))));
        leaves.update(grads, this.optimizer.currentLearningRate);
        this.failures = 0;
      } else {
        const diagnosis = diagnoseNonFinite(this.parts.graph, siteNames, values, grads, (name) => this.store.logicalName(name));
        const detail = this.checkedRerun(batch);
        this.handleFailure(detail ? `${diagnosis}\n${detail}` : diagnosis);
      }
      tf.dispose(grads);
      this.step += 1;
      const perRow = values[0]! / this.data.n;
      const verdict = ok && this.monitor ? this.monitor.update(perRow) : { converged: false };
      return { objective: perRow, ok, converged: verdict.converged };
    } finally {
      leaves.dispose();
      setValidation(validating);
    }
  }

  /**
   * Re-run a failed step's trace with argument checking on (and a separate generator, so that the
   * run's own stream is untouched): the first invalid distribution argument, with its location.
   */
  private checkedRerun(batch: BatchInput): string | undefined {
    const previous = validationEnabled();
    setValidation(true);
    try {
      tf.tidy(() => {
        trace(this.parts, this.guide, this.store, batch, {
          samples: this.config.objective.samplesPerRow,
          rng: new Rng(this.step),
          dataSize: this.data.n,
          enumeration: this.config.objective.enumeration,
          analyticKL: this.config.objective.analyticKL,
          localRows: (id) => this.store.local(id).gather(batch.indices),
        });
      });
      return undefined;
    } catch (e) {
      if (e instanceof DistributionError) return `first invalid value: ${e.message}`;
      throw e;
    } finally {
      setValidation(previous);
    }
  }

  private handleFailure(problem: string): void {
    this.failures += 1;
    if (this.failures >= GIVE_UP_AFTER) {
      throw new NonFiniteError(`${problem}\nstopped after ${GIVE_UP_AFTER} consecutive non-finite steps; the parameters are those of the last good step`, problem);
    }
    if (this.failures % LOWER_LR_AFTER === 0) {
      const state = this.optimizer.state();
      this.lrScale /= 10;
      this.optimizer.dispose();
      this.optimizer = this.makeOptimizer(this.lrScale);
      this.optimizer.load(state);
    }
    this.lastProblem = problem;
  }

  /** The most recent non-finite step's diagnosis (for progress displays). */
  lastProblem: string | undefined;

  get learningRateScale(): number {
    return this.lrScale;
  }

  /** Free the optimizer's moment buffers (the parameters belong to the store). */
  dispose(): void {
    this.optimizer.dispose();
  }

  state(): SviState {
    return {
      step: this.step,
      params: this.store.state(),
      optimizer: renameSlots(this.optimizer.state(), (name) => this.store.logicalName(name)),
      lrScale: this.lrScale,
      rng: this.rng.state(),
      cursor: this.cursor.state(),
      convergence: this.monitor?.state() ?? null,
      objective: this.config.objective.state(),
    };
  }

  load(state: SviState): void {
    this.step = state.step;
    this.store.load(state.params);
    if (state.lrScale !== this.lrScale) {
      this.lrScale = state.lrScale;
      this.optimizer.dispose();
      this.optimizer = this.makeOptimizer(this.lrScale);
    }
    this.optimizer.load(renameSlots(state.optimizer, (name) => this.store.prefix + name));
    this.rng = Rng.fromState(state.rng);
    this.cursor.load(state.cursor);
    if (this.monitor && state.convergence) this.monitor.load(state.convergence);
    this.config.objective.load(state.objective);
  }
}

/** Optimizer state with its per-variable slots renamed (checkpoints use logical names). */
function renameSlots(state: OptimizerState, rename: (name: string) => string): OptimizerState {
  return { ...state, slots: Object.fromEntries(Object.entries(state.slots).map(([name, slot]) => [rename(name), slot])) };
}

/** The same schedule with every rate multiplied by `factor` (the NaN guard's step-size cut). */
function scaleSchedule(lr: number | Schedule, factor: number): number | Schedule {
  if (typeof lr === 'number') return lr * factor;
  if (lr.kind === 'warmup') return { ...lr, inner: scaleSchedule(lr.inner, factor) as Schedule };
  if (lr.kind === 'cosine') return { ...lr, lr: lr.lr * factor, minLr: (lr.minLr ?? 0) * factor };
  return { ...lr, lr: lr.lr * factor };
}

/**
 * The gradients' squared global norm, whose finiteness the NaN guard checks (it is not finite when
 * a gradient is not, or when their squares overflow): on WASM one pass of our own kernel per
 * gradient instead of 2 tfjs kernels each.
 */
function squaredNorm(grads: readonly tf.Tensor[]): number {
  return fusedKernels()?.sumOfSquares(grads) ?? tf.tidy(() => tf.addN(grads.map((g) => g.square().sum())).dataSync()[0]!);
}
