/**
 * One kind of EM, as the driver (run-em.ts) sees it: set θ's starting values, evaluate the
 * objective at the current θ (this is the E-step: it also computes q), and move θ (the M-step).
 */
import type { Rng } from '../../runtime/rng.js';
import type { Prepared } from '../setup.js';
import type { EmResult, EStepKind, ParamUpdate } from './types.js';

export interface EmEngine {
  readonly eStep: EStepKind;
  readonly objective: EmResult['objective'];
  readonly updates: readonly ParamUpdate[];
  readonly notes: readonly string[];
  /** Starting values for this restart (on top of the store's seeded random ones). */
  initialize(prepared: Prepared, rng: Rng): void;
  /** E-step at the current θ; returns the objective per data point at that θ. */
  evaluate(prepared: Prepared): number;
  /** M-step from the latest E-step. */
  maximize(prepared: Prepared, warn: (message: string) => void): void;
  /** Leave the final q where a saved fit finds it (e.g. responsibilities in the guide's parameters). */
  finish(prepared: Prepared): void;
  dispose(): void;
}
