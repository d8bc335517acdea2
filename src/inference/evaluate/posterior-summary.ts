/**
 * Posterior summaries of global latents from guide draws (mean, sd, quantiles per element, as
 * Stan and ArviZ print them) and the point estimates of the model's parameters θ.
 */
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../../data/index.js';
import { Rng } from '../../runtime/rng.js';
import { wholeBatch } from '../fit/epoch-cursor.js';
import type { Prepared } from '../setup.js';
import { evaluationTrace } from './evaluation-trace.js';

export const QUANTILES = [0.025, 0.25, 0.5, 0.75, 0.975] as const;

export interface Summary {
  readonly name: string;
  readonly shape: readonly number[];
  readonly mean: number[];
  readonly sd: number[];
  /** One array per entry of `QUANTILES`. */
  readonly quantiles: number[][];
}

export interface ParamEstimate {
  readonly name: string;
  readonly shape: readonly number[];
  readonly value: number[];
}

export function posteriorSummaries(prepared: Prepared, data: Dataset, options: { draws: number; seed: number }): { latents: Summary[]; params: ParamEstimate[] } {
  const globals = prepared.parts.latents.filter((l) => l.locality === 'global');
  const latents: Summary[] = [];
  if (globals.length > 0) {
    // Global draws do not depend on the rows; one row keeps the trace small.
    const batch = wholeBatch(data, Int32Array.of(0));
    tf.tidy(() => {
      const t = evaluationTrace(prepared, batch, data.n, { samples: options.draws, rng: new Rng(options.seed), enumeration: 'expect', analyticKL: false });
      for (const l of globals) {
        const value = t.draws.get(l.id)!.value.t;
        latents.push(summarize(l.name, l.type.shape, value.reshape([value.shape[0]!, -1]).arraySync() as number[][]));
      }
    });
  }
  const params = prepared.parts.params
    .filter((p) => p.locality === 'global')
    .map((p) => {
      const value = tf.tidy(() => prepared.store.globalValue(p.id, 0).t);
      const estimate = { name: p.name, shape: p.type.shape, value: Array.from(value.dataSync()) };
      value.dispose();
      return estimate;
    });
  return { latents, params };
}

/** Per-element summaries of draws given as [draws][elements]. */
export function summarize(name: string, shape: readonly number[], draws: number[][]): Summary {
  const m = draws.length;
  const size = draws[0]?.length ?? 0;
  const mean: number[] = [];
  const sd: number[] = [];
  const quantiles: number[][] = QUANTILES.map(() => []);
  for (let j = 0; j < size; j++) {
    const column = draws.map((d) => d[j]!).sort((a, b) => a - b);
    const mu = column.reduce((a, b) => a + b, 0) / m;
    mean.push(mu);
    sd.push(Math.sqrt(column.reduce((a, b) => a + (b - mu) ** 2, 0) / Math.max(m - 1, 1)));
    QUANTILES.forEach((q, i) => quantiles[i]!.push(quantile(column, q)));
  }
  return { name, shape, mean, sd, quantiles };
}

/** Linear interpolation between order statistics (type 7, the R and NumPy default). */
function quantile(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}
