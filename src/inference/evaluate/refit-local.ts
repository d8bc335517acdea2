/**
 * Per-row guide parameters for rows the fit never saw, with θ held fixed:
 *
 * - `refitLocal` optimizes the fitted guide's own per-row parameters on new rows (held-out ELBO
 *   of non-amortized guides, whose per-row parameters exist only for the training rows);
 * - `optimalMeanField` finds, for each row, the best member of the mean-field Normal family —
 *   started from the fitted guide's draws — whose ELBO bounds what any amortized encoder of that
 *   family can reach. The difference to the encoder's ELBO is the amortization gap, and
 *   log p(x) minus it is the approximation gap (Cremer, Li & Duvenaud 2018).
 */
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../../data/index.js';
import { Rng } from '../../runtime/rng.js';
import { Svi } from '../fit/svi.js';
import { elbo } from '../objectives/index.js';
import { layoutOf } from '../params/constrained-param.js';
import { prepare, type Prepared } from '../setup.js';
import { finiteSupportSize } from '../guides/latent-info.js';
import { inverseSoftplus } from '../guides/unconstrained-normal.js';
import { evaluationTrace, rowChunks, rowsPerChunk } from './evaluation-trace.js';

export interface RefitOptions {
  readonly steps: number;
  readonly seed: number;
  readonly lr?: number;
  readonly samples?: number;
}

/** The fitted guide with fresh per-row parameters for `data`'s rows, optimized with everything else fixed. */
export function refitLocal(source: Prepared, data: Dataset, options: RefitOptions): Prepared {
  const target = prepare(source.parts.graph, data.n, options.seed, source.method, source.guideName);
  copyGlobals(source, target);
  if (target.store.localIds().length > 0) optimize(target, data, options, (id) => target.store.isLocal(id));
  return target;
}

/** The per-row optimal mean-field guide for `data`'s rows (θ fixed), started from `source`'s draws. */
export function optimalMeanField(source: Prepared, data: Dataset, options: RefitOptions): Prepared {
  const target = prepare(source.parts.graph, data.n, options.seed, 'meanfield');
  copyGlobals(source, target);
  initializeFromDraws(source, target, data, options.seed);
  optimize(target, data, options, (id) => target.guide.owns(id));
  return target;
}

/** Copy every global variable (θ, networks, shared φ) that both stores have, by name. */
function copyGlobals(source: Prepared, target: Prepared): void {
  const values = new Map(source.store.variables().map((v) => [source.store.logicalName(v.name), v]));
  for (const v of target.store.variables()) {
    const from = values.get(target.store.logicalName(v.name));
    if (from && tf.util.arraysEqual(from.shape, v.shape)) v.assign(from);
  }
}

/**
 * Start each row's mean-field loc and scale at the mean and standard deviation of the source
 * guide's draws for that row, in unconstrained space.
 */
function initializeFromDraws(source: Prepared, target: Prepared, data: Dataset, seed: number): void {
  const draws = 32;
  const rng = new Rng(seed);
  const name = target.guide.name;
  const locals = source.parts.latents.filter((l) => l.locality === 'local' && finiteSupportSize(l.type) === undefined);
  for (const batch of rowChunks(data, rowsPerChunk(source, draws))) {
    tf.tidy(() => {
      const t = evaluationTrace(source, batch, data.n, { samples: draws, rng, enumeration: 'expect', analyticKL: false });
      for (const latent of locals) {
        const z = t.draws.get(latent.id)!.value.t;
        const u = layoutOf(latent.type).transform.inverse(z); // [draws, B, ...u]
        const { mean, variance } = tf.moments(u, 0);
        write(target, `${name}/${latent.id}/loc`, batch.indices, mean.dataSync() as Float32Array);
        write(target, `${name}/${latent.id}/scale`, batch.indices, Float32Array.from(variance.sqrt().maximum(1e-4).dataSync(), inverseSoftplus));
      }
    });
  }
}

function write(target: Prepared, id: string, rows: Int32Array, values: Float32Array): void {
  const param = target.store.local(id);
  const size = param.rowSize;
  rows.forEach((row, k) => param.values.set(values.subarray(k * size, (k + 1) * size), row * size));
}

function optimize(target: Prepared, data: Dataset, options: RefitOptions, trainable: (id: string) => boolean): void {
  const svi = new Svi(target.parts, target.guide, target.store, data, {
    objective: elbo({ samples: options.samples ?? 1 }),
    optimizer: 'adam',
    lr: options.lr ?? 0.01,
    batchSize: Math.min(data.n, 1000),
    seed: options.seed,
    convergence: false,
    trainable,
  });
  for (let i = 0; i < options.steps; i++) svi.next();
}
