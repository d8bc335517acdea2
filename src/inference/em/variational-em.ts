/**
 * Variational EM, for models with no exact E-step: the E-step fits the guide's φ to maximize the
 * ELBO with θ fixed, the M-step raises the ELBO in θ with φ fixed. Both run the engine's SVI loop
 * on all rows, restricted to their own variables. The ELBO is a lower bound on log p(x | θ), so it
 * is the bound, not the likelihood, that increases; its Monte Carlo estimate is averaged over the
 * last E-step steps to give the objective EM reports.
 */
import type { Dataset } from '../../data/index.js';
import { Svi } from '../fit/svi.js';
import { elbo } from '../objectives/index.js';
import type { Rng } from '../../runtime/rng.js';
import { chooseGuide, type Prepared } from '../setup.js';
import type { ModelParts } from '../trace.js';
import type { EmEngine } from './engine.js';
import type { ParamUpdate } from './types.js';

export interface VariationalEmOptions {
  readonly guide?: string;
  /** Optimizer steps in each E-step and each M-step. */
  readonly steps: number;
  readonly lr: number;
}

/** E-step steps whose ELBO estimates are averaged into the reported objective. */
const AVERAGED_STEPS = 10;

export function variationalEm(parts: ModelParts, dataset: Dataset, reason: string, options: VariationalEmOptions): EmEngine {
  const guideName = chooseGuide(parts.graph, 'em', options.guide).name;
  const theta = new Set<string>([...parts.params.map((p) => p.id), ...parts.graph.nodes.filter((n) => n.kind === 'net').map((n) => n.id)]);
  const updates: ParamUpdate[] = [...theta].map((id) => ({ param: id, kind: 'gradient', rule: `Adam on the ELBO with q fixed, ${options.steps} steps per iteration (variational M-step)` }));
  let eStep: Svi | undefined;
  let mStep: Svi | undefined;
  const loop = (prepared: Prepared, seed: number, trainable: (id: string) => boolean) =>
    new Svi(prepared.parts, prepared.guide, prepared.store, dataset, {
      objective: elbo(),
      optimizer: 'adam',
      lr: options.lr,
      batchSize: dataset.n,
      seed,
      convergence: false,
      trainable,
    });
  return {
    eStep: 'variational',
    objective: 'elbo',
    updates,
    notes: [
      `no exact E-step: ${reason}`,
      `variational EM: the E-step fits guide '${guideName}' (${options.steps} Adam steps on its parameters), the M-step moves θ (${options.steps} Adam steps); the ELBO, a lower bound on log p(x | θ), is what is maximized, not the likelihood`,
      `the reported objective is the Monte Carlo ELBO per row averaged over the last ${AVERAGED_STEPS} E-step steps`,
    ],
    initialize(prepared: Prepared, rng: Rng) {
      eStep = loop(prepared, rng.nextUint32(), (id) => prepared.guide.owns(id));
      mStep = loop(prepared, rng.nextUint32(), (id) => theta.has(id));
    },
    evaluate() {
      let sum = 0;
      let count = 0;
      for (let i = 0; i < options.steps; i++) {
        const r = eStep!.next();
        if (i >= options.steps - AVERAGED_STEPS && r.ok) {
          sum += r.objective;
          count += 1;
        }
      }
      return count > 0 ? sum / count : NaN;
    },
    maximize() {
      for (let i = 0; i < options.steps; i++) mStep!.next();
    },
    finish() {},
    dispose() {},
  };
}
