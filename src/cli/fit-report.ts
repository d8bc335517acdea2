/**
 * The results of a fit: `trace.csv`, `summary.json`, the pictures, and the final table on the
 * terminal, for variational and EM runs alike.
 */
import type { Dataset } from '../data/index.js';
import type { ModelGraph } from '../graph/ir.js';
import type { EmResult } from '../inference/em/index.js';
import type { FitResult } from '../inference/fit/run-fit.js';
import type { Prepared } from '../inference/setup.js';
import { analyzeFit, type FitAnalysis } from './fit-analysis.js';
import type { FitSettings } from './fit-settings.js';
import { elementIndex, formatDuration, formatEstimate, formatNumber, formatTable } from './format.js';
import type { Io } from './io.js';
import { runPaths, traceCsv, writeAtomic, writeJson } from './run-files.js';
import { drawFitPictures } from './run-pictures.js';

/** What `finish` needs of a fit, variational or EM. */
export interface Finished {
  readonly prepared: Prepared;
  readonly trace: Float64Array;
  readonly steps: number;
  readonly stopReason: string;
  readonly seconds: number;
  readonly objectiveName: string;
  readonly plan?: FitResult['plan'];
  readonly em?: Omit<EmResult, 'prepared' | 'logLikTrace'>;
}

export interface RunContext {
  readonly graph: ModelGraph;
  readonly train: Dataset;
  readonly test: Dataset | undefined;
  readonly settings: FitSettings;
  readonly guideName: string;
  readonly dir: string;
  readonly pictures: boolean;
}

/** The trace, summary, pictures and final table of a fit. */
export async function finish(result: Finished, run: RunContext, io: Io): Promise<number> {
  const paths = runPaths(run.dir);
  writeAtomic(paths.trace, traceCsv(result.trace));
  try {
    if (result.stopReason === 'interrupted') {
      writeJson(paths.summary, summaryOf(result, run.settings, undefined, []));
      io.err(`interrupted after step ${result.steps}; checkpoint written to ${paths.checkpoint}\ncontinue with: vmodel fit --resume ${run.dir}\n`);
      return 0;
    }
    io.err(`evaluating the fit${run.test ? ` and the ${run.test.n} held-out rows` : ''}${run.pictures ? ', drawing pictures' : ''}\n`);
    let analysis = await analyzeFit(result.prepared, run.train, run.test, { seed: run.settings.seed, iwaeK: 100, exactPosterior: result.em?.exactEStep ?? false });
    let pictures: string[] = [];
    try {
      if (run.pictures) pictures = await drawFitPictures(paths.pictures, run.graph, run.guideName, result.trace, result.objectiveName, analysis);
    } catch (e) {
      // The fit is saved; a picture that cannot be drawn (say, of a diverged fit) must not lose the summary.
      analysis = { ...analysis, failed: [...analysis.failed, { what: 'pictures', message: (e as Error).message }] };
    }
    writeJson(paths.summary, summaryOf(result, run.settings, analysis, pictures));
    io.out(finalTable(result, analysis));
    for (const f of analysis.failed) io.err(`warning: ${f.what} failed: ${f.message} (the fit and its checkpoint are saved; please report this)\n`);
    io.out(`run directory: ${run.dir}\n`);
    if (pictures.length) io.out(`pictures: ${paths.pictures}/ (${[...new Set(pictures.map((p) => p.replace(/^.*[\\/]/, '').replace(/\.(svg|png)$/, '')))].join(', ')})\n`);
    return 0;
  } finally {
    result.prepared.store.dispose();
  }
}

/** summary.json. */
function summaryOf(result: Finished, settings: FitSettings, analysis: FitAnalysis | undefined, pictures: readonly string[]) {
  return {
    settings,
    guide: result.prepared.guide.name,
    steps: result.steps,
    stopReason: result.stopReason,
    seconds: result.seconds,
    objective: { name: result.objectiveName, final: finalWindow(result.trace), last: result.trace[result.trace.length - 1] ?? NaN },
    ...(result.em ? { em: result.em } : {}),
    ...(analysis?.test ? { test: analysis.test } : {}),
    ...(analysis?.posterior ? { posterior: analysis.posterior } : {}),
    ...(analysis?.paretoK ? { paretoK: analysis.paretoK } : {}),
    ...(result.plan ? { plan: result.plan } : {}),
    pictures,
    failed: analysis?.failed ?? [],
  };
}

/** The mean objective per row over the last 10% of steps (at least one), skipping non-finite steps. */
export function finalWindow(trace: ArrayLike<number>): number {
  const n = trace.length;
  const from = n - Math.max(1, Math.ceil(n / 10));
  let sum = 0;
  let count = 0;
  for (let i = Math.max(0, from); i < n; i++) {
    if (Number.isFinite(trace[i]!)) {
      sum += trace[i]!;
      count += 1;
    }
  }
  return count ? sum / count : NaN;
}

function finalTable(result: Finished, analysis: FitAnalysis): string {
  const rows: string[][] = [
    ['steps', `${result.steps} (${result.stopReason})`],
    ['time', formatDuration(result.seconds)],
    [`${result.objectiveName}/row (last 10% of steps)`, formatNumber(finalWindow(result.trace))],
  ];
  if (analysis.test) {
    rows.push(['held-out ELBO/row', formatEstimate(analysis.test.elbo)]);
    if (analysis.test.logLikelihood) rows.push([`held-out log p(x)/row (IWAE k=${analysis.test.logLikelihood.k})`, formatEstimate(analysis.test.logLikelihood)]);
  }
  if (analysis.paretoK && Number.isFinite(analysis.paretoK.k)) rows.push(['Pareto k̂', `${formatNumber(analysis.paretoK.k)} (${analysis.paretoK.verdict})`]);
  let out = formatTable(['result', 'value'], rows);
  const posterior = analysis.posterior;
  if (posterior && (posterior.latents.length || posterior.params.length)) {
    const table: string[][] = [];
    const element = (name: string, shape: readonly number[], i: number) => (shape.length === 0 ? name : `${name}[${elementIndex(i, shape)}]`);
    for (const s of posterior.latents) {
      const shown = Math.min(s.mean.length, 10);
      for (let i = 0; i < shown; i++) {
        table.push([element(s.name, s.shape, i), formatNumber(s.mean[i]), formatNumber(s.sd[i]), formatNumber(s.quantiles[0]?.[i]), formatNumber(s.quantiles[2]?.[i]), formatNumber(s.quantiles[4]?.[i])]);
      }
      if (s.mean.length > shown) table.push([`${s.name}[…]`, `(${s.mean.length} entries in summary.json)`, '', '', '', '']);
    }
    for (const p of posterior.params) {
      const shown = Math.min(p.value.length, 10);
      for (let i = 0; i < shown; i++) table.push([element(p.name, p.shape, i), formatNumber(p.value[i]), '–', '–', '–', '–']);
      if (p.value.length > shown) table.push([`${p.name}[…]`, `(${p.value.length} entries in summary.json)`, '', '', '', '']);
    }
    out += `\n${formatTable(['variable', 'mean', 'sd', '2.5%', '50%', '97.5%'], table)}`;
  }
  return out;
}
