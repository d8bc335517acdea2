/**
 * What a finished fit is worth, in numbers and arrays for the pictures: held-out ELBO and
 * log-likelihood, posterior summaries of global latents and parameter estimates, k̂, latent codes,
 * reconstructions and samples. A piece that fails is reported under `failed` (and printed as a
 * warning) instead of losing the fitted run, whose checkpoint is already written.
 */
import { subsetRows, type Dataset } from '../data/index.js';
import type { Prepared } from '../inference/setup.js';
import { engine, plainEstimate, type Engine, type PlainEstimate } from './engine.js';
import { imageVariables, type ImageVariable } from './image-shape.js';
import { binarizeOnce } from './load-data.js';

/** Rows used for the latent-space picture (the first ones). */
const LATENT_ROWS = 1000;
/** Rows whose reconstructions are drawn, and samples drawn from the model. */
const RECONSTRUCTED = 16;
const SAMPLES = 64;
/** Per-row refit steps for held-out rows of non-amortized guides. */
export const REFIT_STEPS = 200;

type Estimate = PlainEstimate;

export interface FitAnalysis {
  readonly test?: { readonly elbo: Estimate; readonly logLikelihood?: Estimate };
  readonly posterior?: ReturnType<Engine['posteriorSummaries']>;
  readonly paretoK?: ReturnType<Engine['paretoDiagnostic']>;
  readonly latents?: { readonly name: string; readonly dim: number; readonly n: number; readonly values: Float32Array; readonly labels?: Int32Array };
  readonly images: readonly {
    readonly image: ImageVariable;
    readonly originals?: Float32Array;
    readonly reconstructions?: Float32Array;
    readonly samples?: Float32Array;
    /** A global parameter holding one image per component (a mixture's means): its name and values. */
    readonly components?: { readonly name: string; readonly values: Float32Array };
  }[];
  readonly failed: readonly { readonly what: string; readonly message: string }[];
}

export interface AnalysisOptions {
  readonly seed: number;
  /** Importance samples for the held-out log-likelihood (none: not computed). */
  readonly iwaeK?: number;
  /** The guide is the exact posterior (EM with an exact E-step): k̂ has nothing to say. */
  readonly exactPosterior?: boolean;
}

/** The prepared model for held-out rows: per-row guide parameters refitted when the guide has any. */
export function forNewRows(api: Engine, prepared: Prepared, data: Dataset, seed: number, steps = REFIT_STEPS): Prepared {
  return prepared.store.localIds().length === 0 ? prepared : api.refitLocal(prepared, data, { steps, seed });
}

export async function analyzeFit(prepared: Prepared, trainData: Dataset, test: Dataset | undefined, options: AnalysisOptions): Promise<FitAnalysis> {
  const train = binarizeOnce(trainData, options.seed);
  const api = await engine();
  const failed: { what: string; message: string }[] = [];
  const seed = options.seed;
  /** `fn()`, or undefined after recording its failure. */
  const attempt = <T>(what: string, fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (e) {
      failed.push({ what, message: (e as Error).message });
      return undefined;
    }
  };

  let testResult: FitAnalysis['test'];
  if (test) {
    const held = attempt('held-out per-row refit', () => forNewRows(api, prepared, test, seed));
    if (held) {
      const elbo = attempt('held-out ELBO', () => plainEstimate(api.estimateElbo(held, test, { samples: 10, seed })));
      const k = options.iwaeK;
      const logLikelihood = k ? attempt('held-out log-likelihood', () => plainEstimate(api.estimateLogLikelihood(held, test, { k, seed }))) : undefined;
      if (elbo) testResult = { elbo, ...(logLikelihood ? { logLikelihood } : {}) };
      if (held !== prepared) held.store.dispose();
    }
  }
  const posterior = attempt('posterior summaries', () => api.posteriorSummaries(prepared, train, { draws: 1000, seed }));
  const paretoK = options.exactPosterior ? undefined : attempt('Pareto k̂', () => api.paretoDiagnostic(prepared, train, { seed }));

  const head = train.n > LATENT_ROWS ? subsetRows(train, Int32Array.from({ length: LATENT_ROWS }, (_, i) => i)) : train;
  const latents = attempt('latent codes', (): FitAnalysis['latents'] => {
    const codes = Object.entries(api.latentMeans(prepared, head, { seed }));
    const [name, code] = codes.find(([, c]) => c.dim >= 2) ?? codes[0] ?? [];
    return name && code ? { name, dim: code.dim, n: head.n, values: code.values, ...(head.labels ? { labels: head.labels } : {}) } : undefined;
  });

  const images: FitAnalysis['images'][number][] = [];
  const imageVars = imageVariables(train);
  if (imageVars.length > 0) {
    const rows = Int32Array.from({ length: Math.min(RECONSTRUCTED, train.n) }, (_, i) => i);
    const recon = attempt('reconstructions', () => api.reconstruct(prepared, train, rows, { seed })) ?? {};
    const draws = attempt('samples', () => api.predictiveSamples(prepared, train, { n: SAMPLES, mode: 'prior', seed })) ?? {};
    for (const image of imageVars) {
      const column = train.columns[image.name]!;
      const reconstructions = recon[image.name];
      const sample = draws[image.name];
      const size = image.h * image.w;
      const perComponent = posterior?.params.find((p) => p.shape.length >= 2 && p.shape.slice(1).reduce((a, b) => a * b, 1) === size);
      images.push({
        image,
        ...(perComponent ? { components: { name: perComponent.name, values: Float32Array.from(perComponent.value) } } : {}),
        ...(reconstructions ? { originals: Float32Array.from(column.values.subarray(0, rows.length * column.rowSize)), reconstructions } : {}),
        ...(sample ? { samples: sample.means ?? sample.values } : {}),
      });
    }
  }
  return {
    ...(testResult ? { test: testResult } : {}),
    ...(posterior ? { posterior } : {}),
    ...(paretoK ? { paretoK } : {}),
    ...(latents ? { latents } : {}),
    images,
    failed,
  };
}
