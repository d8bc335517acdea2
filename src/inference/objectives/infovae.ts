/**
 * The InfoVAE objective (Zhao, Song & Ermon 2019):
 *
 *   L = E[log p(x | z)] − (1 − α) KL(q(z | x) ‖ p(z)) − (α + λ − 1) D(q(z) ‖ p(z))
 *
 * where q(z) = E_data q(z | x) is the aggregate posterior and D is the MMD between draws from q(z)
 * and from the prior. α weights the mutual information between x and z (α = 1 drops the per-row KL
 * entirely), λ the divergence of the aggregate posterior from the prior; α = 0, λ = 1 is the ELBO.
 * The MMD is a per-row expectation, so it is scaled by N like the other terms.
 */
import * as tf from '@tensorflow/tfjs';
import type { Objective, ObjectiveValue } from './objective.js';
import { mmd } from './mmd.js';
import { totals, type Terms } from './terms.js';

export interface InfoVaeOptions {
  readonly lambda: number;
  readonly alpha: number;
  readonly samples?: number;
}

export function infoVae({ lambda, alpha, samples = 1 }: InfoVaeOptions): Objective {
  if (!(Number.isFinite(lambda) && lambda > 0)) throw new RangeError(`infovae: lambda must be > 0, got ${lambda}`);
  if (!(Number.isFinite(alpha) && alpha <= 1)) throw new RangeError(`infovae: alpha must be ≤ 1, got ${alpha}`);
  return {
    name: `infovae(lambda = ${lambda}, alpha = ${alpha})`,
    samplesPerRow: samples,
    needsAggregate: true,
    enumeration: 'expect',
    stickTheLanding: true,
    analyticKL: true,
    evaluate(terms: Terms): ObjectiveValue {
      if (!terms.aggregate) throw new Error('internal: infovae needs aggregate posterior and prior draws');
      if (terms.sites.some((s) => s.score)) {
        throw new Error('infovae needs reparameterized local latents; a site here uses the score-function estimator');
      }
      return tf.tidy(() => {
        const parts = totals(terms);
        const divergence = mmd(terms.aggregate!.posterior, terms.aggregate!.prior).mul(terms.dataSize);
        const perSample = parts.likelihood.sub(parts.divergence.mul(1 - alpha)).add(parts.paramPrior);
        const value = perSample.mean().sub(divergence.mul(alpha + lambda - 1)) as tf.Scalar;
        return { loss: value.neg() as tf.Scalar, value };
      });
    },
    state: () => ({}),
    load: () => undefined,
  };
}
