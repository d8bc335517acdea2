/**
 * Draws from a fitted model: prior or posterior predictive samples of the observed variables,
 * posterior means of local latents (for latent-space pictures) and reconstructions (the mean of
 * p(x | z) at the guide's draws). Ancestral sampling runs the model's factors in graph order:
 * latents come from the prior (prior predictive) or the guide (posterior predictive), observed
 * variables are drawn from their likelihood.
 */
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../../data/index.js';
import { Rng } from '../../runtime/rng.js';
import type { ExecScope } from '../exec/exec-scope.js';
import { factorDistribution } from '../exec/factor.js';
import { wholeBatch } from '../fit/epoch-cursor.js';
import type { Prepared } from '../setup.js';
import { finiteSupportSize } from '../guides/latent-info.js';
import { batchScope, type BatchInput } from '../trace.js';
import { rowChunks, rowsPerChunk } from './evaluation-trace.js';

export interface Draws {
  readonly shape: readonly number[];
  /** n × size values, row-major. */
  readonly values: Float32Array;
  /** The likelihood's mean at each draw, where the family has one (e.g. pixel probabilities). */
  readonly means?: Float32Array;
}

/**
 * `n` draws of every observed variable, the i-th using data row i mod N for covariates (and, for
 * posterior draws, that row's guide).
 */
export function predictiveSamples(prepared: Prepared, data: Dataset, options: { n: number; mode: 'prior' | 'posterior'; seed: number }): Record<string, Draws> {
  const rng = new Rng(options.seed);
  const rows = Int32Array.from({ length: options.n }, (_, i) => i % data.n);
  const observed = prepared.parts.data.filter((d) => d.role === 'observed');
  const out: Record<string, { values: number[]; means: number[] | null }> = Object.fromEntries(observed.map((d) => [d.name, { values: [], means: [] }]));
  for (let start = 0; start < rows.length; start += 256) {
    const batch = wholeBatch(data, rows.subarray(start, Math.min(start + 256, rows.length)));
    tf.tidy(() => {
      const scope = ancestralScope(prepared, batch, rng, options.mode);
      for (const f of prepared.parts.factors) {
        const target = observed.find((d) => d.id === f.targets[0]);
        if (!target) continue;
        const dist = factorDistribution(f, scope).expand([1, batch.size, ...f.batchShape]);
        const sample = dist.sample(rng);
        out[target.name]!.values.push(...sample.dataSync());
        const entry = out[target.name]!;
        if (entry.means) {
          try {
            entry.means.push(...dist.mean.broadcastTo(sample.shape).dataSync());
          } catch {
            entry.means = null; // no closed-form mean for this family
          }
        }
      }
    });
  }
  return Object.fromEntries(
    observed.map((d) => {
      const e = out[d.name]!;
      return [d.name, { shape: d.type.shape, values: Float32Array.from(e.values), ...(e.means ? { means: Float32Array.from(e.means) } : {}) }];
    }),
  );
}

/**
 * A scope with data bound and every latent drawn, for a batch with S = 1: from the prior in model
 * order, or from the guide.
 */
function ancestralScope(prepared: Prepared, batch: BatchInput, rng: Rng, mode: 'prior' | 'posterior'): ExecScope {
  const { parts, store, guide } = prepared;
  const scope = dataScope(prepared, batch);
  if (mode === 'posterior') {
    const draws = guide.sample({ scope, samples: 1, rng, rows: batch.size, store, localRows: (id) => store.local(id).gather(batch.indices), stickTheLanding: false, enumerate: true });
    // Enumerated latents come back with every value; draw one from the guide's probabilities.
    for (const [id, site] of draws) scope.bind(id, site.estimator === 'enumerate' ? drawEnumerated(site.value.t, site.logQ, rng) : site.value);
    return scope;
  }
  for (const f of parts.factors) {
    const latent = parts.byId.get(f.targets[0]!);
    if (latent?.kind !== 'latent') continue;
    const rows = latent.locality === 'local' ? batch.size : 1;
    scope.bind(latent.id, { t: factorDistribution(f, scope).expand([1, rows, ...f.batchShape]).sample(rng), rowRank: latent.type.shape.length });
  }
  return scope;
}

/** A scope with the batch's data and the model's parameters bound (per-row ones read from the store). */
function dataScope(prepared: Prepared, batch: BatchInput): ExecScope {
  return batchScope(prepared.parts, prepared.store, batch, (id) => prepared.store.local(id).gather(batch.indices));
}

/** One value per row from an enumerated site ([K, B] values and log-probabilities on axis 0). */
function drawEnumerated(values: tf.Tensor, logQ: tf.Tensor, rng: Rng): { t: tf.Tensor; rowRank: number } {
  const probs = tf.exp(logQ).transpose(); // [B, K]
  const u = rng.uniform([probs.shape[0]!, 1]);
  const index = tf.cumsum(probs, 1).less(u).sum(1); // first k with cumulative probability ≥ u
  const k = values.shape[0]!;
  return { t: index.minimum(k - 1).toFloat().reshape([1, -1]), rowRank: 0 };
}

/** The guide's mean draw of every continuous local latent for every row: [N, size] each. */
export function latentMeans(prepared: Prepared, data: Dataset, options: { seed: number; samples?: number }): Record<string, { dim: number; values: Float32Array }> {
  const samples = options.samples ?? 16;
  const rng = new Rng(options.seed);
  const locals = prepared.parts.latents.filter((l) => l.locality === 'local' && finiteSupportSize(l.type) === undefined);
  const out: Record<string, { dim: number; values: Float32Array }> = {};
  for (const l of locals) out[l.name] = { dim: l.type.shape.reduce((a, b) => a * b, 1), values: new Float32Array(data.n * l.type.shape.reduce((a, b) => a * b, 1)) };
  let offset = 0;
  for (const batch of rowChunks(data, rowsPerChunk(prepared, samples))) {
    tf.tidy(() => {
      const draws = prepared.guide.sample({
        scope: dataScope(prepared, batch),
        samples,
        rng,
        rows: batch.size,
        store: prepared.store,
        localRows: (id) => prepared.store.local(id).gather(batch.indices),
        stickTheLanding: false,
        enumerate: true,
      });
      for (const l of locals) {
        const entry = out[l.name]!;
        const mean = draws.get(l.id)!.value.t.mean(0).reshape([batch.size, entry.dim]);
        entry.values.set(mean.dataSync(), offset * entry.dim);
      }
    });
    offset += batch.size;
  }
  return out;
}

/** The likelihood's mean at the guide's draw for the given rows (reconstructions): [rows, size] each. */
export function reconstruct(prepared: Prepared, data: Dataset, rows: Int32Array, options: { seed: number }): Record<string, Float32Array> {
  const rng = new Rng(options.seed);
  const batch = wholeBatch(data, rows);
  const observed = prepared.parts.data.filter((d) => d.role === 'observed');
  const out: Record<string, Float32Array> = {};
  tf.tidy(() => {
    const scope = ancestralScope(prepared, batch, rng, 'posterior');
    for (const f of prepared.parts.factors) {
      const target = observed.find((d) => d.id === f.targets[0]);
      if (target) out[target.name] = factorDistribution(f, scope).mean.dataSync() as Float32Array;
    }
  });
  return out;
}
