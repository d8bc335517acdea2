/**
 * The log-density terms of one Monte Carlo evaluation of model and guide: what every objective is
 * built from. Produced by the engine's tracer; every tensor has the Monte Carlo samples on axis 0
 * and the minibatch rows on axis 1 ([S, B] for local sites, [S, 1] for global ones), already summed
 * over the site's own dimensions (its row shape) and with any enumerated discrete values reduced.
 */
import * as tf from '@tensorflow/tfjs';
import { broadcastTo } from '../../distributions/index.js';

export interface SiteTerm {
  readonly name: string;
  /** observed: log p(x | …); latent: log p(z | …) against log q(z | …); param: the prior log p(θ) (MAP). */
  readonly role: 'observed' | 'latent' | 'param';
  /** Local sites vary per data row and are scaled by N/B; global ones are shared by all rows. */
  readonly local: boolean;
  readonly logP: tf.Tensor;
  /** log q of the guide's draw (latent sites). */
  readonly logQ?: tf.Tensor;
  /** Analytic KL(q ‖ p) when a closed form applies; replaces logQ − logP in the ELBO. */
  readonly kl?: tf.Tensor;
  /** True when the draw is not differentiable in φ and its gradient needs the score-function term. */
  readonly score?: boolean;
}

export interface Terms {
  /** Monte Carlo samples S (axis 0). */
  readonly samples: number;
  /** N / B: the weight of each local term when a minibatch of B of the N rows is used. */
  readonly localScale: number;
  /** N, the number of rows in the whole data set. */
  readonly dataSize: number;
  readonly sites: readonly SiteTerm[];
  /**
   * Draws of all local latents from the aggregate posterior (the guide over the batch) and from the
   * prior, flattened to [n, d]: only filled in when an objective asks for it (InfoVAE's MMD).
   */
  readonly aggregate?: { readonly posterior: tf.Tensor2D; readonly prior: tf.Tensor2D };
}

/** Which parts of the log weight a term belongs to, for objectives that weight them differently. */
export interface WeightParts {
  /** Σ log p(x | …) over observed sites. */
  readonly likelihood: tf.Tensor;
  /** Σ (log q − log p) over latent sites, or the analytic KL where present. */
  readonly divergence: tf.Tensor;
  /** Σ log p(θ) over parameter priors. */
  readonly paramPrior: tf.Tensor;
}

/**
 * Per-sample totals of the objective's parts over the whole data set ([S] each): global terms once,
 * local terms summed over the batch rows and scaled by N/B.
 */
export function totals(terms: Terms): WeightParts {
  const parts = { likelihood: [] as tf.Tensor[], divergence: [] as tf.Tensor[], paramPrior: [] as tf.Tensor[] };
  for (const site of terms.sites) {
    const rowTotal = (t: tf.Tensor) => {
      const perSample = t.sum(1);
      return site.local ? perSample.mul(terms.localScale) : perSample;
    };
    if (site.role === 'observed') parts.likelihood.push(rowTotal(site.logP));
    else if (site.role === 'param') parts.paramPrior.push(rowTotal(site.logP));
    else parts.divergence.push(rowTotal(site.kl ?? siteLogRatio(site)));
  }
  const sum = (ts: tf.Tensor[]) => (ts.length ? tf.addN(ts.map((t) => broadcastTo(t, [terms.samples]))) : tf.zeros([terms.samples]));
  return { likelihood: sum(parts.likelihood), divergence: sum(parts.divergence), paramPrior: sum(parts.paramPrior) };
}

/** log q − log p of one latent site (its Monte Carlo KL contribution). */
export function siteLogRatio(site: SiteTerm): tf.Tensor {
  if (!site.logQ) throw new Error(`internal: latent site '${site.name}' has no guide log-density`);
  return site.logQ.sub(site.logP);
}

/**
 * Log importance weights log p(x, z) − log q(z) per sample and row ([S, B]) for the local part and
 * per sample ([S]) for the global part. Analytic KLs are not used here: importance weights need the
 * densities of the actual draws.
 */
export function logWeights(terms: Terms): { local: tf.Tensor; global: tf.Tensor } {
  const local: tf.Tensor[] = [];
  const global: tf.Tensor[] = [];
  for (const site of terms.sites) {
    const w = site.role === 'latent' ? site.logP.sub(site.logQ ?? tf.scalar(0)) : site.logP;
    if (site.local) local.push(w);
    else global.push(w.sum(1));
  }
  const rows = local.length ? local.reduce((a, b) => a.add(b)) : tf.zeros([terms.samples, 1]);
  const shared = global.length ? broadcastTo(global.reduce((a, b) => a.add(b)), [terms.samples]) : tf.zeros([terms.samples]);
  return { local: rows, global: shared };
}

/** Whether any latent site is global (then importance weights cannot factor over rows). */
export function hasGlobalLatents(terms: Terms): boolean {
  return terms.sites.some((s) => s.role === 'latent' && !s.local);
}
