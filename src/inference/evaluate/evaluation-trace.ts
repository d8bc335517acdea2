/**
 * Traces for evaluation: no gradients, per-row parameters read straight from the store, the
 * rows processed in chunks so that many importance samples fit in memory.
 */
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../../data/index.js';
import { setValidation, validationEnabled } from '../../distributions/index.js';
import { Rng } from '../../runtime/rng.js';
import { wholeBatch } from '../fit/epoch-cursor.js';
import type { Terms } from '../objectives/index.js';
import { logWeights } from '../objectives/terms.js';
import { MAX_ENUMERATED_COMBINATIONS } from '../guides/draws.js';
import { finiteSupportSize } from '../guides/latent-info.js';
import type { Prepared } from '../setup.js';
import { trace, type BatchInput, type Trace } from '../trace.js';

export interface EvaluationTraceOptions {
  readonly samples: number;
  readonly rng: Rng;
  readonly enumeration: 'expect' | 'marginalize';
  readonly analyticKL: boolean;
  readonly aggregate?: boolean;
}

export function evaluationTrace(prepared: Prepared, batch: BatchInput, dataSize: number, options: EvaluationTraceOptions): Trace {
  return trace(prepared.parts, prepared.guide, prepared.store, batch, {
    ...options,
    dataSize,
    localRows: (id) => prepared.store.local(id).gather(batch.indices),
  });
}

/** The rows of a data set in consecutive chunks of at most `size`. */
export function* rowChunks(data: Dataset, size: number): Generator<BatchInput> {
  for (let start = 0; start < data.n; start += size) {
    const indices = Int32Array.from({ length: Math.min(size, data.n - start) }, (_, i) => start + i);
    yield wholeBatch(data, indices);
  }
}

/**
 * Compute a tensor inside a tidy scope and read it out. Reading outside keeps tidy from walking a
 * returned typed array element by element (hundreds of ms for a large one).
 */
export function readTidy(f: () => tf.Tensor): Float32Array {
  const t = tf.tidy(f);
  const values = t.dataSync() as Float32Array;
  t.dispose();
  return values;
}

/**
 * `readTidy` for an estimator's pass over a chunk, `f` drawing from `rng`. It runs with argument
 * validation off — checking every decoder output against its constraint cost a third of an
 * IWAE-1000 pass — and, if validation is on and a value comes out non-finite, runs `f` again
 * checked from the same random state, so that an invalid argument is reported where it arises
 * (file:line, the argument) instead of surfacing as a NaN estimate. Training does the same (Svi).
 */
export function readChecked(rng: Rng, f: (rng: Rng) => tf.Tensor): Float32Array {
  const validating = validationEnabled();
  const start = rng.state();
  setValidation(false);
  let values: Float32Array;
  try {
    values = readTidy(() => f(rng));
  } finally {
    setValidation(validating);
  }
  if (validating && !values.every(Number.isFinite)) readTidy(() => f(Rng.fromState(start)));
  return values;
}

/**
 * Log importance weights log p(x, z_s | θ) − log q(z_s) of `samples` guide draws for the batch:
 * the per-row part [S, B] and the part shared by all rows [S] (parameter priors left out,
 * enumerated latents summed out of the model). Per row: local + global; jointly: Σ local + global.
 */
export function evaluationLogWeights(prepared: Prepared, batch: BatchInput, dataSize: number, samples: number, rng: Rng): { local: tf.Tensor; global: tf.Tensor } {
  const t = evaluationTrace(prepared, batch, dataSize, { samples, rng, enumeration: 'marginalize', analyticKL: false });
  return logWeights(withoutParamPriors(t.terms));
}

/** Terms without the parameter priors: evaluation measures p(x | θ), not p(x, θ). */
export function withoutParamPriors(terms: Terms): Terms {
  return { ...terms, sites: terms.sites.filter((s) => s.role !== 'param') };
}

export function hasGlobalLatents(prepared: Prepared): boolean {
  return prepared.parts.latents.some((l) => l.locality === 'global');
}

/** Mean and standard error of the mean. */
export function meanAndError(values: ArrayLike<number>): { mean: number; standardError: number } {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i]! - mean) ** 2;
  return { mean, standardError: n > 1 ? Math.sqrt(ss / (n - 1) / n) : NaN };
}

/**
 * Rows per chunk so that samples × enumerated combinations × rows × (widest row) stays near
 * `budget` floats: enumerated discrete latents multiply the sample axis by their support sizes.
 */
export function rowsPerChunk(prepared: Prepared, samples: number, budget = 4e6): number {
  const widest = Math.max(1, ...prepared.parts.graph.nodes.map((n) => ('type' in n ? n.type.shape.reduce((a, b) => a * b, 1) : 1)));
  const combinations = prepared.parts.latents
    .filter((l) => l.type.shape.length === 0)
    .reduce((c, l) => Math.min(MAX_ENUMERATED_COMBINATIONS, c * (finiteSupportSize(l.type) ?? 1)), 1);
  return Math.max(1, Math.floor(budget / (samples * combinations * widest)));
}

