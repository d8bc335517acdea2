/**
 * The evaluation side of the inference engine as the CLI uses it: held-out ELBO, importance-sampled
 * log-likelihood, per-row refits, posterior summaries, k̂, predictive draws, latent codes and
 * reconstructions. Loaded on first use (it pulls in tfjs), and looked up by name so that a build
 * without one of them says which is missing instead of failing to start.
 */
import type { Dataset } from '../data/index.js';
import type { Prepared } from '../inference/setup.js';
import { UserError } from './errors.js';

export interface Estimate {
  readonly perRow: number;
  readonly standardError: number;
}

export interface PosteriorSummary {
  readonly name: string;
  readonly shape: readonly number[];
  readonly mean: number[];
  readonly sd: number[];
  readonly quantiles: number[][];
}

export interface EvaluationApi {
  estimateLogLikelihood(prepared: Prepared, data: Dataset, options: { k: number; seed: number }): Estimate & { k: number };
  estimateElbo(prepared: Prepared, data: Dataset, options: { samples: number; seed: number }): Estimate;
  /** The fitted guide with per-row parameters optimized for `data`'s rows, θ fixed. */
  refitLocal(prepared: Prepared, data: Dataset, options: { steps: number; seed: number }): Prepared;
  /** The per-row optimal member of the mean-field family for `data`'s rows, θ fixed. */
  optimalMeanField(prepared: Prepared, data: Dataset, options: { steps: number; seed: number }): Prepared;
  posteriorSummaries(prepared: Prepared, data: Dataset, options: { draws: number; seed: number }): {
    latents: PosteriorSummary[];
    params: { name: string; shape: readonly number[]; value: number[] }[];
  };
  paretoDiagnostic(prepared: Prepared, data: Dataset, options: { seed: number }): { k: number; verdict: string; message: string; scope?: string };
  predictiveSamples(prepared: Prepared, data: Dataset, options: { n: number; mode: 'prior' | 'posterior'; seed: number }): Record<string, { shape: readonly number[]; values: Float32Array; means?: Float32Array }>;
  latentMeans(prepared: Prepared, data: Dataset, options: { seed: number }): Record<string, { dim: number; values: Float32Array }>;
  reconstruct(prepared: Prepared, data: Dataset, rows: Int32Array, options: { seed: number }): Record<string, Float32Array>;
}

let cached: Partial<EvaluationApi> | undefined;

/** The engine's evaluation functions that this build has. */
export async function evaluationApi(): Promise<Partial<EvaluationApi>> {
  if (cached) return cached;
  // A variable specifier: the engine's public face is resolved at run time, not by the compiler.
  const specifier = '../inference/index.js';
  try {
    cached = (await import(specifier)) as Partial<EvaluationApi>;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw e;
    cached = {};
  }
  return cached;
}

/** The named function, or a user-facing error saying this build lacks it. */
export function need<K extends keyof EvaluationApi>(api: Partial<EvaluationApi>, name: K, purpose: string): EvaluationApi[K] {
  const f = api[name];
  if (typeof f !== 'function') throw new UserError(`error: ${purpose} needs the engine's ${name}, which this build of vmodel does not have yet`);
  return f.bind(api) as EvaluationApi[K];
}
