/**
 * EM for linear-Gaussian latent models (probabilistic PCA, factor analysis): the E-step is the
 * Gaussian posterior in closed form (linear-gaussian.ts) and the log-likelihood is exact; the
 * M-step is the closed-form regression update of closed-form/loadings.ts when the graph matches
 * it, else gradient ascent on the exact Q(θ) (linear-gaussian-q.ts: generalized EM).
 */
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../../data/index.js';
import { ExecScope } from '../exec/exec-scope.js';
import type { Prepared } from '../setup.js';
import type { ModelParts } from '../trace.js';
import type { LoadingsUpdate } from './closed-form/loadings.js';
import { paramLogPrior, paramPriors } from './param-prior.js';
import type { EmEngine } from './engine.js';
import { gradientMStep } from './gradient-m-step.js';
import { linearGaussianQ } from './linear-gaussian-q.js';
import { dataMoments, logLikelihoodPerPoint, posterior, readModel, type GaussianPosterior, type LinearGaussianStructure } from './linear-gaussian.js';
import type { ParamUpdate } from './types.js';

export interface LinearGaussianEmOptions {
  readonly varianceFloor: number;
  readonly gradientSteps: number;
  readonly gradientLr: number;
}

export function linearGaussianEm(parts: ModelParts, structure: LinearGaussianStructure, update: LoadingsUpdate | undefined, dataset: Dataset, options: LinearGaussianEmOptions): EmEngine {
  const moments = dataMoments(dataset, structure.data, structure.d);
  const theta = new Set<string>([...parts.params.map((p) => p.id), ...parts.graph.nodes.filter((n) => n.kind === 'net').map((n) => n.id)]);
  const updates: ParamUpdate[] = update
    ? update.params.map((p) => ({ param: p.name, kind: 'closed-form', rule: update.rule }))
    : [...theta].map((id) => ({ param: id, kind: 'gradient', rule: 'Adam on the exact E_q[log p(x, z | θ)] + log p(θ), kept only if it increases (generalized EM)' }));
  const priors = paramPriors(parts);
  let x: tf.Tensor2D | undefined;
  let latest: GaussianPosterior | undefined;
  return {
    eStep: 'linear-gaussian',
    objective: priors.length > 0 ? 'log-posterior' : 'log-likelihood',
    updates,
    notes: [
      `exact E-step: '${structure.latent.name}' given '${structure.data.name}' is Gaussian (linear-Gaussian model), its posterior in closed form`,
      `the log-likelihood is the Gaussian marginal N(${structure.data.name} | b, A Aᵀ + Ψ), computed in float64`,
      ...(update ? [] : ['no closed-form M-step matches these parameters: generalized EM (gradient ascent on the exact expected log joint)']),
    ],
    initialize() {
      // The store's seeded random loadings break the rotational symmetry; EM needs nothing more.
    },
    evaluate(prepared: Prepared) {
      const model = readModel(parts, structure, prepared.store);
      latest = posterior(model);
      const logLik = logLikelihoodPerPoint(model, latest, moments);
      if (priors.length === 0) return logLik;
      const prior = tf.tidy(() => {
        const scope = new ExecScope(2, parts.lets, (id) => prepared.store.net(id));
        for (const p of parts.params) scope.bind(p.id, prepared.store.globalValue(p.id, 2));
        return paramLogPrior(priors, scope);
      });
      const value = prior.dataSync()[0]!;
      prior.dispose();
      return logLik + value / dataset.n;
    },
    maximize(prepared: Prepared, warn: (message: string) => void) {
      if (update) {
        update.apply(prepared.store, latest!, moments, options.varianceFloor, warn);
        return;
      }
      x ??= tf.tensor(Float32Array.from(dataset.columns[structure.data.name]!.values), [dataset.n, structure.d]);
      const q = linearGaussianQ(parts, structure, prepared.store, latest!, x);
      try {
        gradientMStep(q, prepared.store.variables((id) => theta.has(id)), { steps: options.gradientSteps, lr: options.gradientLr, tolerance: 1e-9 });
      } finally {
        q.dispose();
      }
    },
    finish() {},
    dispose() {
      x?.dispose();
    },
  };
}
