/**
 * `vmodel eval RUN --data PATH`: the held-out ELBO and the importance-sampled log-likelihood
 * (IWAE bound with K samples, which tightens to log p(x) as K grows), per data row with standard
 * errors. Guides with per-row parameters get them refitted on the new rows with θ fixed.
 */
import { join } from 'node:path';
import { intOption, stringOption, type CommandSpec, type ParsedArgs } from '../args.js';
import { BACKEND_OPTION, THREADS_OPTION } from '../backend-option.js';
import { engine, plainEstimate } from '../engine.js';
import { forNewRows, REFIT_STEPS } from '../fit-analysis.js';
import { formatEstimate, formatTable } from '../format.js';
import type { Io } from '../io.js';
import { binarizeOnce, DATA_OPTIONS, loadDatasets, readDataArgs } from '../load-data.js';
import { restoreRun } from '../restore-run.js';
import { writeJson } from '../run-files.js';

export const evalSpec: CommandSpec = {
  name: 'eval',
  summary: 'Evaluate a fitted run on data: ELBO and importance-sampled log-likelihood per row, with standard errors. Writes RUN/eval.json.',
  positionals: [{ name: 'RUN', description: 'a run directory written by vmodel fit' }],
  options: [
    ...DATA_OPTIONS,
    { name: 'iwae', type: 'string', value: 'K', description: 'importance samples per row for log p(x) (default 100)' },
    { name: 'samples', type: 'string', value: 'S', description: 'Monte Carlo samples per row for the ELBO (default 10)' },
    { name: 'refit-steps', type: 'string', value: 'N', description: `guides with per-row parameters: optimization steps for the new rows (default ${REFIT_STEPS})` },
    { name: 'seed', type: 'string', value: 'N', description: 'random seed (default: the run\'s)' },
    BACKEND_OPTION,
    THREADS_OPTION,
  ],
  examples: [
    'vmodel eval runs/vae --data x=models/data/mnist-test-1k-images.idx.gz --binarize 0.5 --iwae 500',
    'vmodel eval runs/blr --data models/data/blr.csv',
  ],
  notes: 'Without --binarize, the run\'s binarization is used (dynamic binarization draws one fixed sample per pixel).',
};

export async function evalCommand(args: ParsedArgs, io: Io): Promise<number> {
  const dir = args.positionals[0]!;
  const k = intOption(args.values, 'iwae', 'eval') ?? 100;
  const samples = intOption(args.values, 'samples', 'eval') ?? 10;
  const run = await restoreRun(dir, io, args.values, 'eval');
  const seed = intOption(args.values, 'seed', 'eval', 0) ?? run.config.settings.seed;
  const dataArgs = readDataArgs(args.values, 'eval');
  const binarize = stringOption(args.values, 'binarize') === undefined ? { ...dataArgs, binarize: run.config.data.binarize } : dataArgs;
  const data = binarizeOnce(loadDatasets(run.graph, binarize, seed, io, 'eval').train, seed);
  const api = await engine();
  io.err(`evaluating ${run.graph.name} (${run.prepared.guide.name}) on ${data.n} rows\n`);
  const held = forNewRows(api, run.prepared, data, seed, intOption(args.values, 'refit-steps', 'eval') ?? REFIT_STEPS);
  try {
    const elbo = plainEstimate(api.estimateElbo(held, data, { samples, seed }));
    const logLikelihood = plainEstimate(api.estimateLogLikelihood(held, data, { k, seed }));
    const result = { run: dir, data: data.source, rows: data.n, guide: run.prepared.guide.name, elbo, logLikelihood };
    writeJson(join(dir, 'eval.json'), result);
    io.out(formatTable(['metric (per row)', 'estimate ± s.e.'], [
      ['ELBO', formatEstimate(elbo)],
      [`log p(x), IWAE k=${k}`, formatEstimate(logLikelihood)],
    ]));
    io.out(`written: ${join(dir, 'eval.json')}\n`);
  } finally {
    if (held !== run.prepared) held.store.dispose();
    run.prepared.store.dispose();
  }
  return 0;
}
