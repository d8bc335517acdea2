/**
 * The options and the result of an EM run.
 */
import type { ParamStoreState } from '../params/param-store.js';
import type { Prepared } from '../setup.js';

export interface EmOptions {
  /** EM iterations per restart (default: the infer block's `iters`, else 200). */
  readonly maxIters?: number;
  /** Stop when |ℓ_t − ℓ_{t−1}| / |ℓ_t| falls below this (ℓ the objective per point; default 1e-6). */
  readonly tolerance?: number;
  /** Independent starts; the one with the highest final objective is kept (default 1). */
  readonly restarts?: number;
  readonly seed: number;
  /** The guide fitted in the E-step when no exact E-step exists (variational EM). */
  readonly guide?: string;
  /** Called after every iteration. */
  readonly onProgress?: (p: EmProgress) => void;
  /**
   * ε added to every Gaussian variance after a closed-form M-step (scikit-learn's `reg_covar`),
   * so that no component can shrink onto a single point (default 1e-6).
   */
  readonly varianceFloor?: number;
  /** Bernoulli probabilities are kept in [δ, 1 − δ] (default 1e-3): log p stays finite for unseen pixels. */
  readonly probabilityFloor?: number;
  /** Generalized M-step: Adam steps per EM iteration and their learning rate (defaults 50 and 0.05). */
  readonly gradientSteps?: number;
  readonly gradientLr?: number;
  /** Variational EM: optimizer steps for φ (E-step) and for θ (M-step) per iteration (defaults 50 and 50). */
  readonly variationalSteps?: number;
  /**
   * Checked after every iteration: when aborted, EM stops there, keeping the parameters the last
   * trace entry measured (remaining restarts are not started).
   */
  readonly signal?: AbortSignal;
  /**
   * Continue a stopped run from its parameters and trace, as one start. For an exact E-step the
   * iterations that follow are those the uninterrupted run would have made.
   */
  readonly resume?: { readonly params: ParamStoreState; readonly trace: readonly number[] };
}

export interface EmProgress {
  readonly restart: number;
  readonly iter: number;
  /** The objective per data point: log p(x | θ) (+ log p(θ)) / N, or the ELBO / N under variational EM. */
  readonly objective: number;
  readonly relativeChange: number;
}

/** How the E-step is done: exactly (enumeration, Gaussian posterior) or by fitting a guide. */
export type EStepKind = 'enumerate' | 'linear-gaussian' | 'variational';

/** How one parameter is updated in the M-step. */
export interface ParamUpdate {
  readonly param: string;
  readonly kind: 'closed-form' | 'gradient';
  /** The rule, in words (e.g. `π_k = N_k / N`). */
  readonly rule: string;
}

export interface RestartSummary {
  readonly restart: number;
  readonly seed: number;
  readonly iters: number;
  readonly converged: boolean;
  /** Final objective per data point. */
  readonly objective: number;
}

export interface EmResult {
  /** The best restart's parameters, in the same store and guide layout a variational fit uses. */
  readonly prepared: Prepared;
  /** The best restart's objective per data point, one entry per iteration. */
  readonly logLikTrace: readonly number[];
  readonly exactEStep: boolean;
  readonly eStep: EStepKind;
  /** What the trace measures: the log-likelihood (plus log prior, MAP) or a variational bound. */
  readonly objective: 'log-likelihood' | 'log-posterior' | 'elbo';
  /** `closed-form` when every parameter has one, `gradient` when none has, else `mixed`. */
  readonly mStep: 'closed-form' | 'gradient' | 'mixed';
  readonly updates: readonly ParamUpdate[];
  readonly restarts: readonly RestartSummary[];
  readonly best: number;
  readonly converged: boolean;
  /** Whether `signal` stopped the run early. */
  readonly interrupted: boolean;
  /** Degenerate solutions prevented (floors that bit, collapsed components), deduplicated. */
  readonly warnings: readonly string[];
  /** What kind of EM ran, in sentences (e.g. why the E-step is variational). */
  readonly notes: readonly string[];
  readonly seconds: number;
}

export class EmError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmError';
  }
}
