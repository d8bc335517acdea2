/**
 * The evidence lower bound and its β-weighted form.
 *
 *   ELBO = E_q[log p(x | z)] − KL(q(z) ‖ p(z)) + log p(θ)
 *        ≈ 1/M Σ_m [ Σ_obs log p(x | z_m) − Σ_latent (log q(z_m) − log p(z_m)) ] + log p(θ)
 * with M Monte Carlo samples, local terms scaled by N/B, and the analytic KL used for a latent
 * site where a closed form applies. The β form weights the divergence: β = 1 is the ELBO, β > 1
 * the β-VAE's pressure toward the prior; an annealing schedule ramps β during training.
 */
import * as tf from '@tensorflow/tfjs';
import type { Objective, ObjectiveValue } from './objective.js';
import { ScoreBaselines } from './score-function.js';
import { constant, type Schedule } from './schedules.js';
import { totals, type Terms } from './terms.js';

export interface ElboOptions {
  /** Monte Carlo samples per row (default 1). */
  readonly samples?: number;
  /** Weight of the divergence term as a function of the step (default: constant 1). */
  readonly beta?: Schedule;
  readonly name?: string;
}

export function elbo(options: ElboOptions = {}): Objective {
  const beta = options.beta ?? constant(1);
  const baselines = new ScoreBaselines();
  return {
    name: options.name ?? 'elbo',
    samplesPerRow: options.samples ?? 1,
    needsAggregate: false,
    enumeration: 'expect',
    stickTheLanding: true,
    analyticKL: true,
    evaluate(terms: Terms, step: number): ObjectiveValue {
      return tf.tidy(() => {
        const b = beta(step);
        const parts = totals(terms);
        const perSample = parts.likelihood.sub(parts.divergence.mul(b)).add(parts.paramPrior);
        const value = perSample.mean() as tf.Scalar;
        const score = baselines.surrogate(terms.sites, () => localSignal(terms, b), perSample, terms.localScale);
        return { loss: (score ? value.add(score) : value).neg() as tf.Scalar, value };
      });
    },
    state: () => baselines.state(),
    load: (s) => baselines.load(s),
  };
}

/** The per-row learning signal of local draws: Σ log p(x | z) − β Σ (log q − log p), [S, B]. */
function localSignal(terms: Terms, beta: number): tf.Tensor {
  let signal: tf.Tensor = tf.zeros([terms.samples, 1]);
  for (const site of terms.sites) {
    if (!site.local) continue;
    if (site.role === 'latent') signal = signal.add(site.logP.sub(site.logQ ?? 0).mul(beta));
    else signal = signal.add(site.logP);
  }
  return signal;
}
