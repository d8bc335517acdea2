/** What every objective returns, and the interface the training loop drives. */
import type * as tf from '@tensorflow/tfjs';
import type { Terms } from './terms.js';

export interface ObjectiveValue {
  /** A scalar to minimize: a surrogate whose gradient is the objective's gradient estimator. */
  readonly loss: tf.Scalar;
  /** The objective's estimate over the whole data set (e.g. the ELBO), for reporting. */
  readonly value: tf.Scalar;
}

export interface Objective {
  /** Display name, e.g. `elbo`, `iwae(5)`, `beta(4, warmup 1000)`. */
  readonly name: string;
  /** Monte Carlo samples per data row the objective needs from the tracer (IWAE's k). */
  readonly samplesPerRow: number;
  /** Whether `Terms.aggregate` must be filled in (InfoVAE). */
  readonly needsAggregate: boolean;
  /**
   * How enumerated discrete latents are reduced: the ELBO family takes the expectation under the
   * guide (Σ_c q(c) f(c)); importance-weighted bounds marginalize them in the model.
   */
  readonly enumeration: 'expect' | 'marginalize';
  /**
   * Whether reparameterized draws may be scored with φ held fixed ("sticking the landing"): true
   * for objectives linear in log q (the ELBO family), false for importance-weighted bounds, where
   * dropping the score term biases the gradient.
   */
  readonly stickTheLanding: boolean;
  /**
   * Whether a latent's analytic KL(q ‖ p), where a closed form exists, replaces log q − log p: true
   * for the ELBO family; false for importance-weighted bounds, whose weights need the densities of
   * the draws (the tracer then computes no KL).
   */
  readonly analyticKL: boolean;
  evaluate(terms: Terms, step: number): ObjectiveValue;
  /** Serializable running state (score-function baselines), for checkpoints. */
  state(): Record<string, number>;
  load(state: Record<string, number>): void;
}
