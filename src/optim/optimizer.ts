/**
 * The optimizer skeleton shared by Adam, SGD and RMSprop: per-variable slot buffers (moments,
 * momentum), a step counter, a learning-rate schedule, optional global-norm clipping, and an
 * explicit JSON-safe state for checkpoints.
 *
 * Updates are written into the variables with `assign` inside one `tidy` per step, so a step
 * leaves exactly as many tensors alive as it found.
 */
import * as tf from '@tensorflow/tfjs';
import { clipByGlobalNorm } from './clip.js';
import { learningRate, toSchedule, type Schedule } from './schedules.js';

/** One variable's update: reads g and the slots, assigns new values to p and the slots. */
export interface UpdateRule {
  readonly kind: string;
  /** Names of the per-variable buffers this rule keeps (e.g. ['m', 'v']), each shaped like the variable. */
  readonly slotNames: readonly string[];
  /** Hyperparameters other than the schedule, recorded in the state. */
  readonly hyper: Readonly<Record<string, number | boolean>>;
  /**
   * Update p in place. `t` is the 1-based index of this update, `lr` its learning rate, `g` the
   * gradient (weight decay already added).
   */
  apply(p: tf.Variable, g: tf.Tensor, slots: Readonly<Record<string, tf.Variable>>, lr: number, t: number): void;
}

/** A slot buffer, serialized. */
export interface SavedTensor {
  readonly shape: readonly number[];
  readonly values: readonly number[];
}

/** Everything needed to resume an optimizer exactly. Plain JSON. */
export interface OptimizerState {
  readonly kind: string;
  /** Completed updates. */
  readonly iteration: number;
  readonly schedule: Schedule;
  readonly weightDecay: number;
  readonly clipNorm: number | null;
  readonly hyper: Readonly<Record<string, number | boolean>>;
  /** Variable name → slot name → buffer. */
  readonly slots: Readonly<Record<string, Readonly<Record<string, SavedTensor>>>>;
}

export interface CommonOptions {
  /** A constant rate or a schedule. */
  readonly lr: number | Schedule;
  /** L2 penalty added to the gradient, g ← g + λ p (as torch's `weight_decay`). Default 0. */
  readonly weightDecay?: number;
  /** Clip the gradients to this global norm before the update. Default: no clipping. */
  readonly clipNorm?: number;
}

export class Optimizer {
  readonly kind: string;
  private readonly schedule: Schedule;
  private readonly weightDecay: number;
  private readonly clipNorm: number | null;
  private readonly byName = new Map<string, tf.Variable>();
  private readonly slots = new Map<string, Record<string, tf.Variable>>();
  private t = 0;

  constructor(
    readonly variables: readonly tf.Variable[],
    private readonly rule: UpdateRule,
    options: CommonOptions,
  ) {
    this.kind = rule.kind;
    this.schedule = toSchedule(options.lr, `${rule.kind} lr`);
    this.weightDecay = options.weightDecay ?? 0;
    if (!(this.weightDecay >= 0)) throw new RangeError(`${rule.kind}: weightDecay must be ≥ 0, got ${options.weightDecay}`);
    this.clipNorm = options.clipNorm ?? null;
    if (this.clipNorm !== null && !(this.clipNorm > 0)) throw new RangeError(`${rule.kind}: clipNorm must be positive, got ${options.clipNorm}`);
    for (const v of variables) {
      if (this.byName.has(v.name)) throw new RangeError(`${rule.kind}: variable '${v.name}' is listed twice`);
      this.byName.set(v.name, v);
      const s: Record<string, tf.Variable> = {};
      for (const slot of rule.slotNames) {
        const zeros = tf.zerosLike(v);
        s[slot] = tf.variable(zeros, false);
        zeros.dispose();
      }
      this.slots.set(v.name, s);
    }
  }

  /** Completed updates. */
  get iteration(): number {
    return this.t;
  }

  /** The learning rate the next update will use. */
  get currentLearningRate(): number {
    return learningRate(this.schedule, this.t);
  }

  /**
   * Apply one update. `grads` is keyed by variable name (as `tf.variableGrads` returns it); a
   * variable without a gradient is left unchanged, like a torch parameter whose `.grad` is None.
   * The caller still owns `grads`.
   * @throws RangeError for a gradient that names no variable of this optimizer or has the wrong shape.
   */
  step(grads: tf.NamedTensorMap): void {
    for (const [name, g] of Object.entries(grads)) {
      const v = this.byName.get(name);
      if (v === undefined) throw new RangeError(`${this.kind}.step: gradient for '${name}', which is not one of this optimizer's variables`);
      if (!tf.util.arraysEqual(g.shape, v.shape)) {
        throw new RangeError(`${this.kind}.step: gradient for '${name}' has shape [${g.shape}], the variable has [${v.shape}]`);
      }
    }
    const lr = learningRate(this.schedule, this.t);
    const t = this.t + 1;
    tf.tidy(() => {
      const gs = this.clipNorm === null ? grads : clipByGlobalNorm(grads, this.clipNorm).grads;
      for (const [name, g0] of Object.entries(gs)) {
        const p = this.byName.get(name)!;
        const g = this.weightDecay > 0 ? tf.add(g0, tf.mul(p, this.weightDecay)) : g0;
        this.rule.apply(p, g, this.slots.get(name)!, lr, t);
      }
    });
    this.t = t;
  }

  /**
   * Differentiate `loss` with respect to this optimizer's trainable variables, update them, and
   * return the loss (the caller disposes it).
   */
  minimize(loss: () => tf.Scalar): tf.Scalar {
    const trainable = this.variables.filter((v) => v.trainable);
    const { value, grads } = tf.variableGrads(loss, trainable);
    this.step(grads);
    tf.dispose(grads);
    return value;
  }

  /** A JSON-safe snapshot (reads the slot buffers from the device). */
  state(): OptimizerState {
    const slots: Record<string, Record<string, SavedTensor>> = {};
    for (const [name, s] of this.slots) {
      slots[name] = {};
      for (const [slot, buf] of Object.entries(s)) slots[name][slot] = { shape: buf.shape, values: Array.from(buf.dataSync()) };
    }
    return {
      kind: this.kind,
      iteration: this.t,
      schedule: this.schedule,
      weightDecay: this.weightDecay,
      clipNorm: this.clipNorm,
      hyper: this.rule.hyper,
      slots,
    };
  }

  /**
   * Restore the step counter and slot buffers saved by `state()` (the hyperparameters stay those
   * this optimizer was built with).
   * @throws RangeError when the state belongs to another kind of optimizer or other variables.
   */
  load(state: OptimizerState): void {
    if (state.kind !== this.kind) throw new RangeError(`${this.kind}.load: the state is for a '${state.kind}' optimizer`);
    if (!(Number.isInteger(state.iteration) && state.iteration >= 0)) throw new RangeError(`${this.kind}.load: bad iteration ${state.iteration}`);
    const missing = [...this.slots.keys()].filter((n) => !(n in state.slots));
    const extra = Object.keys(state.slots).filter((n) => !this.slots.has(n));
    if (missing.length > 0 || extra.length > 0) {
      throw new RangeError(
        `${this.kind}.load: variables differ (missing from state: [${missing.join(', ')}]; unknown in state: [${extra.join(', ')}])`,
      );
    }
    for (const [name, s] of this.slots) {
      for (const [slot, buf] of Object.entries(s)) {
        const saved = state.slots[name]![slot];
        if (saved === undefined || !tf.util.arraysEqual([...saved.shape], buf.shape) || saved.values.length !== buf.size) {
          throw new RangeError(`${this.kind}.load: slot '${slot}' of '${name}' is missing or not shaped [${buf.shape}]`);
        }
      }
    }
    for (const [name, s] of this.slots) {
      for (const [slot, buf] of Object.entries(s)) {
        tf.tidy(() => buf.assign(tf.tensor(state.slots[name]![slot]!.values as number[], buf.shape, 'float32')));
      }
    }
    this.t = state.iteration;
  }

  /** Free the slot buffers (the variables themselves belong to the caller). */
  dispose(): void {
    for (const s of this.slots.values()) for (const buf of Object.values(s)) buf.dispose();
    this.slots.clear();
  }
}
