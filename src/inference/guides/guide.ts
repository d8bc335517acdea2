/**
 * Guides q: what draws the latents during inference. Every guide, automatic or written in the
 * .vmodel file, produces one `GuideSite` per latent: the draw, its log-density and how its gradient
 * is estimated. Guides own their variational parameters φ (in the shared ParamStore, under ids the
 * guide reports through `owns`), which lets algorithms optimize θ and φ jointly or in alternation.
 */
import type * as tf from '@tensorflow/tfjs';
import type { Distribution } from '../../distributions/index.js';
import type { Rng } from '../../runtime/rng.js';
import type { Scope } from '../exec/evaluate.js';
import type { RowValue } from '../exec/row-value.js';
import type { ParamStore } from '../params/param-store.js';

/** How the gradient through a latent's draw is estimated. */
export type Estimator = 'pathwise' | 'score' | 'enumerate';

export interface GuideSite {
  readonly latent: string;
  /** The draw, [S, B or 1, ...rowShape] (enumerated sites: the support along their own lead axis). */
  readonly value: RowValue;
  /** log q of the draw per lead position ([S, B or 1]). */
  readonly logQ: tf.Tensor;
  /** q as a distribution in the prior factor's shape convention, when one exists (analytic KL). */
  readonly dist?: Distribution;
  readonly estimator: Estimator;
}

export interface GuideInput {
  /** The batch's data (and everything else a guide may read besides its own nodes), lead rank 2. */
  readonly scope: Scope;
  readonly samples: number;
  readonly rng: Rng;
  /** Rows in the batch (B). */
  readonly rows: number;
  readonly store: ParamStore;
  /** The batch rows of a per-row parameter as a differentiable tensor [B, ...unconstrainedShape]. */
  localRows(id: string): tf.Tensor;
  /**
   * Evaluate log q of reparameterized draws with the variational parameters held fixed ("sticking
   * the landing", Roeder, Wu & Duvenaud 2017): the draw still depends on φ, but the score term
   * ∇_φ log q_φ(z), whose expectation is zero, is dropped. The gradient stays unbiased for the ELBO
   * and its variance vanishes where q equals the posterior. Not valid for IWAE bounds.
   */
  readonly stickTheLanding: boolean;
  /** Whether small discrete latents may be enumerated (false: draw them, with score-function gradients). */
  readonly enumerate: boolean;
}

/** One line of the estimator plan, as printed by `vmodel check --plan` and at the start of a fit. */
export interface SitePlan {
  readonly latent: string;
  /** The guide's family for this latent, in words (e.g. `Normal in unconstrained space → exp`). */
  readonly q: string;
  readonly estimator: Estimator;
  readonly reason: string;
}

export interface Guide {
  readonly name: string;
  /** meanfield, fullrank, amortized, delta or written. */
  readonly kind: string;
  /** Whether a ParamStore id (parameter or network) is one of this guide's φ. */
  owns(id: string): boolean;
  sample(input: GuideInput): Map<string, GuideSite>;
  /** The latents the guide's draw of `latent` depends on, directly or transitively. */
  ancestors(latent: string): readonly string[];
  plan(): SitePlan[];
}
