/**
 * EM for linear-Gaussian latent models (probabilistic PCA, factor analysis): the E-step is the
 * Gaussian posterior in closed form (linear-gaussian.ts), the log-likelihood is exact, and the
 * M-step is the closed-form regression update of closed-form/loadings.ts.
 */
import type { Dataset } from '../../data/index.js';
import type { Prepared } from '../setup.js';
import type { ModelParts } from '../trace.js';
import type { LoadingsUpdate } from './closed-form/loadings.js';
import type { EmEngine } from './engine.js';
import { dataMoments, logLikelihoodPerPoint, posterior, readModel, type GaussianPosterior, type LinearGaussianStructure } from './linear-gaussian.js';

export function linearGaussianEm(parts: ModelParts, structure: LinearGaussianStructure, update: LoadingsUpdate, dataset: Dataset, varianceFloor: number): EmEngine {
  const moments = dataMoments(dataset, structure.data, structure.d);
  let latest: GaussianPosterior | undefined;
  return {
    eStep: 'linear-gaussian',
    objective: 'log-likelihood',
    updates: update.params.map((p) => ({ param: p.name, kind: 'closed-form', rule: update.rule })),
    notes: [
      `exact E-step: '${structure.latent.name}' given '${structure.data.name}' is Gaussian (linear-Gaussian model), its posterior in closed form`,
      `the log-likelihood is the Gaussian marginal N(${structure.data.name} | b, A Aᵀ + Ψ), computed in float64`,
    ],
    initialize() {
      // The store's seeded random loadings break the rotational symmetry; EM needs nothing more.
    },
    evaluate(prepared: Prepared) {
      const model = readModel(parts, structure, prepared.store);
      latest = posterior(model);
      return logLikelihoodPerPoint(model, latest, moments);
    },
    maximize(prepared: Prepared, warn: (message: string) => void) {
      update.apply(prepared.store, latest!, moments, varianceFloor, warn);
    },
    finish() {},
    dispose() {},
  };
}
