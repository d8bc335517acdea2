/**
 * The ELBO of a fitted model and guide on some rows, per row with its standard error: the
 * Monte Carlo average over `samples` draws of Σ log p − Σ log q (analytic KL where it applies,
 * enumerated discrete latents summed exactly). Global terms are shared out equally over rows.
 */
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../../data/index.js';
import { Rng } from '../../runtime/rng.js';
import { siteLogRatio } from '../objectives/terms.js';
import type { Prepared } from '../setup.js';
import { evaluationTrace, meanAndError, readChecked, rowChunks, rowsPerChunk, withoutParamPriors } from './evaluation-trace.js';

export interface ElboEstimate {
  readonly perRow: number;
  readonly standardError: number;
  readonly rows: number;
  readonly rowValues: Float64Array;
}

export function estimateElbo(prepared: Prepared, data: Dataset, options: { samples: number; seed: number }): ElboEstimate {
  const rng = new Rng(options.seed);
  const rowValues = new Float64Array(data.n);
  let offset = 0;
  for (const batch of rowChunks(data, rowsPerChunk(prepared, options.samples))) {
    const values = readChecked(rng, (r) => {
      const t = evaluationTrace(prepared, batch, data.n, { samples: options.samples, rng: r, enumeration: 'expect', analyticKL: true });
      let perRow: tf.Tensor = tf.zeros([batch.size]);
      for (const site of withoutParamPriors(t.terms).sites) {
        const term = site.role === 'latent' ? (site.kl ?? siteLogRatio(site)).neg() : site.logP;
        // Local terms belong to their row; a global term is shared equally by all N rows.
        perRow = perRow.add(site.local ? term.mean(0) : term.mean().div(data.n));
      }
      return perRow;
    });
    rowValues.set(values, offset);
    offset += batch.size;
  }
  const { mean, standardError } = meanAndError(rowValues);
  return { perRow: mean, standardError, rows: data.n, rowValues };
}
