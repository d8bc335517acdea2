/**
 * `vmodel compare FILE --guides a,b`: fit the model once per guide on equal footing (same data,
 * seed, steps, batch size, objective and learning rate) and split each guide's inference gap on
 * the held-out rows as Cremer, Li & Duvenaud (2018) do:
 *
 *   log p(x) − ELBO[q] = (log p(x) − ELBO[q*]) + (ELBO[q*] − ELBO[q])
 *                      =  approximation gap    +  amortization gap
 *
 * where log p(x) is the IWAE-k estimate and q* is the best member of q's family for each row,
 * found by optimizing per-row parameters with θ fixed. A guide with per-row parameters is its own
 * q* (refitted on the held-out rows), so its amortization gap is 0.
 */
import { join } from 'node:path';
import type { InferMethod, ModelGraph } from '../../graph/ir.js';
import { intOption, listOption, stringOption, type CommandSpec, type ParsedArgs } from '../args.js';
import { BACKEND_OPTION, THREADS_OPTION, useBackend } from '../backend-option.js';
import { engine, plainEstimate, type PlainEstimate } from '../engine.js';
import { UsageError } from '../errors.js';
import { forNewRows, REFIT_STEPS } from '../fit-analysis.js';
import { FIT_SETTING_OPTIONS, resolveFitSettings } from '../fit-settings.js';
import { formatDuration, formatEstimate, formatNumber, formatTable, markdownTable } from '../format.js';
import { abortSignalOf, type Io } from '../io.js';
import { binarizeOnce, DATA_OPTIONS, loadDatasets, readDataArgs, TEST_OPTIONS } from '../load-data.js';
import { loadGraph } from '../load-model.js';
import { ProgressReporter } from '../progress.js';
import { defaultRunDir } from '../run-config.js';
import { writeAtomic, writeJson } from '../run-files.js';

export const compareSpec: CommandSpec = {
  name: 'compare',
  summary: 'Fit a model with several guides on equal footing; report train and test ELBO, IWAE log-likelihood, time, and the approximation and amortization gaps. Writes compare.md, compare.json and gap.svg/png.',
  positionals: [{ name: 'FILE', description: 'the .vmodel file' }],
  options: [
    { name: 'guides', type: 'string', value: 'A,B,...', description: 'guides declared in the model, or meanfield / fullrank for automatic ones' },
    ...DATA_OPTIONS,
    ...TEST_OPTIONS,
    ...FIT_SETTING_OPTIONS.filter((o) => o.name !== 'guide' && o.name !== 'method'),
    { name: 'iwae', type: 'string', value: 'K', description: 'importance samples per row for log p(x) (default 100)' },
    { name: 'refit-steps', type: 'string', value: 'N', description: `steps of per-row optimization for q* and held-out refits (default ${REFIT_STEPS})` },
    BACKEND_OPTION,
    THREADS_OPTION,
    { name: 'out', type: 'string', value: 'DIR', description: 'directory for compare.md, compare.json and the gap plot (default runs/<model>-compare-<time>)' },
  ],
  examples: [
    'vmodel compare models/vae.vmodel --data x=models/data/mnist-train-3k-images.idx.gz --binarize dynamic --guides amortized,mf --test x=models/data/mnist-test-1k-images.idx.gz --epochs 5',
    'vmodel compare models/ppca.vmodel --data models/data/digits.csv --guides enc,mf --test 0.2',
  ],
  notes: 'Without --test, 10% of the rows are held out (seeded).',
};

type Estimate = PlainEstimate;

interface GuideReport {
  readonly guide: string;
  readonly method: InferMethod;
  readonly seconds: number;
  readonly steps: number;
  readonly trainElbo: Estimate;
  readonly testElbo: Estimate;
  readonly logpx: Estimate;
  readonly bestElbo: Estimate;
  readonly approxGap: number;
  readonly amortGap: number;
  readonly amortized: boolean;
  readonly trace: number[];
}

/** The method that fits guide `name`: declared guides run under svi; undeclared meanfield/fullrank are automatic. */
function methodFor(graph: ModelGraph, name: string): { method: InferMethod; guide?: string } {
  if (graph.guides.some((g) => g.name === name)) return { method: 'svi', guide: name };
  if (name === 'meanfield' || name === 'fullrank') return { method: name };
  const declared = graph.guides.map((g) => g.name);
  throw new UsageError(`unknown guide '${name}' in --guides: ${graph.name} declares ${declared.join(', ') || 'no guides'}; meanfield and fullrank are also accepted`, 'compare');
}

export async function compareCommand(args: ParsedArgs, io: Io): Promise<number> {
  const path = args.positionals[0]!;
  const names = (stringOption(args.values, 'guides') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) throw new UsageError("'vmodel compare' needs --guides A,B (the guides to compare)", 'compare');
  if (new Set(names).size !== names.length) throw new UsageError('--guides names a guide twice', 'compare');
  const k = intOption(args.values, 'iwae', 'compare') ?? 100;
  const refitSteps = intOption(args.values, 'refit-steps', 'compare') ?? REFIT_STEPS;
  const model = await loadGraph(path, io, listOption(args.values, 'plugin'));
  const graph = model.graph;
  const plans = names.map((n) => ({ name: n, ...methodFor(graph, n) }));
  const resolved = resolveFitSettings(graph, { ...args.values, guide: undefined, method: undefined }, 'compare');
  const dataArgs = readDataArgs(args.values, 'compare');
  const { train, test } = loadDatasets(graph, { ...dataArgs, test: dataArgs.test ?? '0.1' }, resolved.seed, io, 'compare');
  // Equal footing: the methods' own defaults differ (batch size, learning rate), so pin them.
  const base = { ...resolved, batchSize: resolved.batchSize ?? Math.min(128, train.n), lr: resolved.lr ?? 1e-3 };
  const held = test!;
  await useBackend(args.values, 'compare', graph);
  const api = await engine();
  const { makeFitOptions } = await import('../fit-options.js');
  const hasLocalLatents = graph.nodes.some((n) => n.kind === 'latent' && n.locality === 'local');
  const seed = base.seed;

  const reports: GuideReport[] = [];
  for (const plan of plans) {
    const settings = { ...base, method: plan.method, ...(plan.guide !== undefined ? { guide: plan.guide } : { guide: undefined }) };
    io.err(`[${plan.name}] fitting ${graph.name} on ${train.n} rows (method ${plan.method}, objective ${settings.objective}, seed ${seed})\n`);
    const reporter = new ProgressReporter(io, plan.name);
    const fit = (() => {
      try {
        // No early stopping: every guide gets the same number of steps.
        return api.runFit(graph, train, { ...makeFitOptions(settings), convergence: false, progressEvery: 1, onProgress: (p) => reporter.update(p), signal: abortSignalOf(io) });
      } finally {
        reporter.finish();
      }
    })();
    if (fit.stopReason === 'interrupted') {
      fit.prepared.store.dispose();
      io.err('interrupted: comparison abandoned\n');
      return 0;
    }
    const prepared = fit.prepared;
    const amortized = hasLocalLatents && prepared.store.localIds().length === 0;
    io.err(`[${plan.name}] evaluating on ${held.n} held-out rows\n`);
    const trainElbo = plainEstimate(api.estimateElbo(prepared, binarizeOnce(train, seed), { samples: 10, seed }));
    const onTest = forNewRows(api, prepared, held, seed, refitSteps);
    const testElbo = plainEstimate(api.estimateElbo(onTest, held, { samples: 10, seed }));
    const logpx = plainEstimate(api.estimateLogLikelihood(onTest, held, { k, seed }));
    let bestElbo = testElbo;
    if (amortized) {
      const best = api.optimalMeanField(prepared, held, { steps: refitSteps, seed });
      bestElbo = plainEstimate(api.estimateElbo(best, held, { samples: 10, seed }));
      best.store.dispose();
    }
    if (onTest !== prepared) onTest.store.dispose();
    prepared.store.dispose();
    reports.push({
      guide: plan.name, method: plan.method, seconds: fit.seconds, steps: fit.steps, trainElbo, testElbo, logpx, bestElbo,
      approxGap: logpx.perRow - bestElbo.perRow, amortGap: bestElbo.perRow - testElbo.perRow, amortized, trace: Array.from(fit.trace),
    });
  }

  const dir = stringOption(args.values, 'out') ?? defaultRunDir(graph.name, 'compare');
  const header = ['guide', 'train ELBO', 'test ELBO', `test log p(x) (IWAE-${k})`, 'approx. gap', 'amort. gap', 'time'];
  const rows = reports.map((r) => [r.guide, formatEstimate(r.trainElbo), formatEstimate(r.testElbo), formatEstimate(r.logpx), formatNumber(r.approxGap), r.amortized ? formatNumber(r.amortGap) : '0 (per-row)', formatDuration(r.seconds)]);
  const intro = `${graph.name}: ${train.n} training rows, ${held.n} held-out rows; every guide fitted with seed ${seed}, ${reports[0]?.steps ?? 0} steps of ${base.batchSize} rows, learning rate ${base.lr}, objective ${base.objective}. Values are nats per row (± standard error).`;
  writeAtomic(join(dir, 'compare.md'), `# Guide comparison: ${graph.name}\n\n${intro}\n\n${markdownTable(header, rows)}\nGaps on the held-out rows (Cremer, Li & Duvenaud 2018): approximation gap = log p(x) − ELBO[q*], amortization gap = ELBO[q*] − ELBO[q], with q* the per-row optimum of the guide's family (${refitSteps} steps per row, θ fixed).\n\n![gaps](gap.png)\n`);
  writeJson(join(dir, 'compare.json'), { model: graph.name, modelSha256: model.sha256, trainRows: train.n, testRows: held.n, settings: base, iwaeK: k, refitSteps, guides: reports });
  const plot = await import('../../plot/index.js');
  const gap = await plot.gapChart(reports.map((r) => ({ guide: r.guide, logpx: r.logpx.perRow, elbo: r.testElbo.perRow, approxGap: r.approxGap, amortGap: r.amortGap })), { title: `${graph.name}: inference gap on held-out rows` });
  const figure = await plot.writeFigure(join(dir, 'gap'), gap.svg);
  const curves = await plot.lineChart(
    reports.map((r) => ({ name: r.guide, x: Float64Array.from(r.trace, (_, i) => i + 1), y: r.trace })),
    { title: `${graph.name}: training objective per row`, xLabel: 'step', yLabel: base.objective, integerX: true },
  );
  const curveFigure = await plot.writeFigure(join(dir, 'elbo'), curves.svg);
  io.out(`${intro}\n\n${formatTable(header, rows)}`);
  io.out(`written: ${[join(dir, 'compare.md'), join(dir, 'compare.json'), figure.svgPath, figure.pngPath, curveFigure.svgPath, curveFigure.pngPath].join(', ')}\n`);
  return 0;
}
