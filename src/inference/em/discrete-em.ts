/**
 * EM for models whose latents are all local and discrete with a small support (mixtures): the
 * E-step enumerates them exactly; the M-step uses the closed forms recognized in the graph and
 * gradient ascent on Q for every other parameter (generalized EM).
 */
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../../data/index.js';
import type { WrittenGuide } from '../../graph/ir.js';
import type { Rng } from '../../runtime/rng.js';
import type { Prepared } from '../setup.js';
import type { ModelParts } from '../trace.js';
import { MIXTURE_RECOGNIZERS, type ClosedFormUpdate, type InitContext } from './closed-form/index.js';
import { EnumeratedModel, type DiscreteLatent, type FactorKernel } from './enumerated-model.js';
import type { EmEngine } from './engine.js';
import { gradientMStep } from './gradient-m-step.js';
import { refId } from './graph-match.js';
import { kmeansPlusPlus } from './kmeans-plus-plus.js';
import type { ParamUpdate } from './types.js';

/** Floats of data-derived tensors (e.g. the rows' outer products) EM keeps between iterations: 64 MB. */
const DERIVED_BUDGET = 1 << 24;

export interface DiscreteEmOptions {
  readonly varianceFloor: number;
  readonly probabilityFloor: number;
  readonly gradientSteps: number;
  readonly gradientLr: number;
}

export function discreteEm(parts: ModelParts, latents: readonly DiscreteLatent[], dataset: Dataset, options: DiscreteEmOptions): EmEngine {
  // Each latent's own factors (its prior, factors depending on it alone) may have closed forms.
  const closed = latents.flatMap((latent) => recognizeMixture(parts, latent).map((update) => ({ latent, update })));
  const kernels = new Map<string, FactorKernel>();
  for (const { latent, update } of closed) {
    if (update.componentDensity) kernels.set(update.factor.id, { latent: latent.node.id, prepare: (store) => update.componentDensity!(store) });
  }
  const model = new EnumeratedModel(parts, latents, dataset, kernels);
  const covered = new Set(closed.flatMap(({ update }) => update.params.map((p) => p.id)));
  const modelIds = new Set<string>([...parts.params.map((p) => p.id), ...parts.graph.nodes.filter((n) => n.kind === 'net').map((n) => n.id)]);
  const gradientIds = (id: string) => modelIds.has(id) && !covered.has(id);
  const updates: ParamUpdate[] = [
    ...closed.flatMap(({ update }) => update.params.map((p): ParamUpdate => ({ param: p.name, kind: 'closed-form', rule: update.rule }))),
    ...[...modelIds].filter(gradientIds).map((id): ParamUpdate => ({ param: id, kind: 'gradient', rule: 'Adam on E_q[log p(x, z | θ)] + log p(θ), kept only if it increases (generalized EM)' })),
  ];
  const tensors = new Map<string, tf.Tensor>();
  const data = (id: string): tf.Tensor => {
    let t = tensors.get(id);
    if (!t) {
      const node = parts.data.find((d) => d.id === id)!;
      // Kept: the first call may come from inside an update's tf.tidy.
      t = tf.keep(tf.tensor(Float32Array.from(dataset.columns[node.name]!.values), [dataset.n, ...node.type.shape]));
      tensors.set(id, t);
    }
    return t;
  };
  let derivedBudget = DERIVED_BUDGET;
  const derived = (key: string, floats: number, make: () => tf.Tensor): tf.Tensor => {
    const cached = tensors.get(key);
    if (cached) return cached;
    if (floats > derivedBudget) return make();
    derivedBudget -= floats;
    const t = tf.keep(make());
    tensors.set(key, t);
    return t;
  };
  let responsibilities: tf.Tensor2D | undefined;
  const names = latents.map((l) => `'${l.node.name}'`).join(', ');

  return {
    eStep: 'enumerate',
    objective: model.hasPrior ? 'log-posterior' : 'log-likelihood',
    updates,
    notes: [
      `exact E-step: the posterior over ${names} (${model.combinations} values per row) by enumeration, in log space`,
      ...(model.hasPrior ? ['the parameters have priors: the M-step maximizes E_q[log p(x, z | θ)] + log p(θ) (MAP-EM)'] : []),
    ],
    initialize(prepared: Prepared, rng: Rng) {
      const seeds = new Map<string, Int32Array>();
      const ctx: InitContext = {
        store: prepared.store,
        data,
        seedRows(dataId, k) {
          const key = `${dataId}/${k}`;
          let rows = seeds.get(key);
          if (!rows) {
            const column = dataset.columns[parts.data.find((d) => d.id === dataId)!.name]!;
            rows = kmeansPlusPlus(column.values, dataset.n, column.rowSize, k, rng);
            seeds.set(key, rows);
          }
          return rows;
        },
        varianceFloor: options.varianceFloor,
        probabilityFloor: options.probabilityFloor,
      };
      for (const { update } of closed) update.initialize(ctx);
    },
    evaluate(prepared: Prepared) {
      responsibilities?.dispose();
      const e = model.eStep(prepared.store);
      responsibilities = e.responsibilities;
      let total = e.logLik;
      if (model.hasPrior) {
        const prior = model.logPrior(prepared.store);
        total += prior.dataSync()[0]!;
        prior.dispose();
      }
      return total / dataset.n;
    },
    maximize(prepared: Prepared, warn: (message: string) => void) {
      const r = responsibilities!;
      for (const { latent, update } of closed) {
        const marginal = model.marginal(r, latent.node.id);
        update.apply({ store: prepared.store, responsibilities: marginal, data, derived, varianceFloor: options.varianceFloor, probabilityFloor: options.probabilityFloor, warn });
        marginal.dispose();
      }
      const variables = prepared.store.variables(gradientIds);
      if (variables.length > 0) {
        gradientMStep(
          { value: () => model.expectedLogJointValue(prepared.store, r), valueAndGrads: (vars) => model.expectedLogJoint(prepared.store, r, vars) },
          variables,
          { steps: options.gradientSteps, lr: options.gradientLr, tolerance: 1e-9 },
        );
      }
    },
    finish(prepared: Prepared) {
      if (responsibilities && latents.length === 1) storeResponsibilities(parts, prepared, latents[0]!, responsibilities);
    },
    dispose() {
      responsibilities?.dispose();
      model.dispose();
      tf.dispose([...tensors.values()]);
    },
  };
}

/** Closed forms for the latent's prior and for every factor that depends on it. */
export function recognizeMixture(parts: ModelParts, latent: DiscreteLatent): ClosedFormUpdate[] {
  const out: ClosedFormUpdate[] = [];
  for (const factor of parts.factors) {
    for (const recognizer of MIXTURE_RECOGNIZERS) {
      const update = recognizer(parts.graph, latent.node, factor);
      if (update) {
        out.push(update);
        break;
      }
    }
  }
  return out;
}

/**
 * When the guide is the usual `q(c) = Categorical(r)` with a per-row simplex r, set r to the
 * responsibilities, so that the saved fit holds the exact posterior q(c) = p(c | x, θ).
 */
function storeResponsibilities(parts: ModelParts, prepared: Prepared, latent: DiscreteLatent, responsibilities: tf.Tensor2D): void {
  const guide = parts.graph.guides.find((g): g is WrittenGuide => g.kind === 'written' && g.name === prepared.guide.name);
  const factor = guide?.nodes.find((n) => n.kind === 'factor' && n.targets.length === 1 && n.targets[0] === latent.node.id);
  if (factor?.kind !== 'factor' || factor.family !== 'Categorical') return;
  const id = refId(factor.args.probs);
  if (id === undefined || !prepared.store.isLocal(id) || prepared.store.localLayout(id).shape.join() !== String(latent.size)) return;
  const values = tf.tidy(() => {
    // Exact zeros have no unconstrained value; 1e-12 is far below anything float32 can tell apart from them in log p.
    const r = tf.maximum(responsibilities.transpose(), 1e-12);
    return prepared.store.localLayout(id).transform.inverse(r.div(r.sum(1, true)));
  });
  prepared.store.local(id).values.set(values.dataSync() as Float32Array);
  values.dispose();
}
