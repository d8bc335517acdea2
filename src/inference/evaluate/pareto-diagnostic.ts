/**
 * k̂ of the guide as an importance-sampling proposal, computed at the end of every fit: on the
 * joint weights over all rows when the model has global latents, otherwise per row on a sample of
 * rows, reporting the median row, the worst one and how many rows reach 0.7.
 */
import type { Dataset } from '../../data/index.js';
import { Rng } from '../../runtime/rng.js';
import { paretoK, type ParetoKResult } from '../diagnostics/pareto-k.js';
import type { Prepared } from '../setup.js';
import { wholeBatch } from '../fit/epoch-cursor.js';
import { evaluationLogWeights, hasGlobalLatents, readChecked, rowsPerChunk } from './evaluation-trace.js';
import { jointLogWeights } from './log-likelihood.js';

export interface ParetoDiagnostic extends ParetoKResult {
  readonly scope: 'joint' | 'per-row' | 'none';
  /** Per-row scope: rows examined and how many had k̂ ≥ 0.7. */
  readonly rowsChecked?: number;
  readonly rowsAbove07?: number;
}

export function paretoDiagnostic(prepared: Prepared, data: Dataset, options: { seed: number; draws?: number; rows?: number }): ParetoDiagnostic {
  const rng = new Rng(options.seed);
  const draws = options.draws ?? 1000;
  if (prepared.parts.latents.length === 0) {
    return { scope: 'none', k: NaN, tailSize: 0, verdict: 'good', message: 'no latent variables: k̂ does not apply' };
  }
  if (hasGlobalLatents(prepared)) {
    return { scope: 'joint', ...paretoK(jointLogWeights(prepared, data, draws, Math.min(draws, 250), rng)) };
  }
  const rows = Math.min(options.rows ?? 50, data.n);
  const step = data.n / rows;
  const picked = Int32Array.from({ length: rows }, (_, i) => Math.floor(i * step));
  const samples = Math.min(draws, 500);
  const chunk = rowsPerChunk(prepared, samples);
  const logW: Float32Array[] = [];
  for (let start = 0; start < rows; start += chunk) {
    const batch = wholeBatch(data, picked.subarray(start, Math.min(start + chunk, rows)));
    const flat = readChecked(rng, (r) => {
      const { local, global } = evaluationLogWeights(prepared, batch, data.n, samples, r);
      return local.add(global.reshape([-1, 1])).transpose();
    });
    for (let r = 0; r < batch.size; r++) logW.push(flat.subarray(r * samples, (r + 1) * samples));
  }
  // The median row is the headline: one hard row should not stand for the whole fit.
  const results = logW.map((row) => paretoK(row)).sort((a, b) => a.k - b.k);
  const median = results[Math.floor((results.length - 1) / 2)]!;
  const worst = results[results.length - 1]!;
  const above = results.filter((r) => r.k >= 0.7).length;
  return {
    ...median,
    scope: 'per-row',
    rowsChecked: rows,
    rowsAbove07: above,
    message: `median row: ${median.message} ${above} of ${rows} rows checked have k̂ ≥ 0.7 (worst ${worst.k.toFixed(2)}).`,
  };
}
