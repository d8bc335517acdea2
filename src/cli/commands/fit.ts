/**
 * `vmodel fit FILE --data PATH`: run inference and write a run directory (config, checkpoints,
 * trace, summary, pictures). Ctrl-C stops after the current step and writes the checkpoint;
 * `--resume DIR` continues it to the same result as an uninterrupted run.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Dataset } from '../../data/index.js';
import type { ModelGraph } from '../../graph/ir.js';
import type { EmResult } from '../../inference/em/index.js';
import type { FitCheckpoint, FitResult } from '../../inference/fit/run-fit.js';
import type { Prepared } from '../../inference/setup.js';
import { intOption, listOption, stringOption, type CommandSpec, type ParsedArgs } from '../args.js';
import { BACKEND_OPTION, useBackend } from '../backend-option.js';
import { UsageError, UserError } from '../errors.js';
import { analyzeFit, type FitAnalysis } from '../fit-analysis.js';
import { FIT_SETTING_OPTIONS, makeFitOptions, resolveFitSettings, type FitSettings } from '../fit-settings.js';
import { elementIndex, formatDuration, formatEstimate, formatNumber, formatTable } from '../format.js';
import { abortSignalOf, type Io } from '../io.js';
import { DATA_OPTIONS, loadDatasets, readDataArgs, TEST_OPTIONS, type DataArgs } from '../load-data.js';
import { loadGraph } from '../load-model.js';
import { ProgressReporter } from '../progress.js';
import { absoluteDataArgs, RUN_FORMAT, versions, type RunConfig } from '../run-config.js';
import { CHECKPOINT_FORMAT, readJson, runPaths, traceCsv, writeAtomic, writeJson, type CheckpointFile } from '../run-files.js';
import { drawFitPictures } from '../run-pictures.js';

export const fitSpec: CommandSpec = {
  name: 'fit',
  summary: 'Fit a model to data and write a run directory: config.json, checkpoint.json, trace.csv, summary.json and pictures/. Flags override the model\'s infer block.',
  positionals: [{ name: 'FILE', description: 'the .vmodel file (omit with --resume)', optional: true }],
  options: [
    ...DATA_OPTIONS,
    ...TEST_OPTIONS,
    ...FIT_SETTING_OPTIONS,
    BACKEND_OPTION,
    { name: 'out', type: 'string', value: 'DIR', description: 'run directory (default runs/<model>-<method>-<time>)' },
    { name: 'resume', type: 'string', value: 'DIR', description: 'continue the interrupted run in DIR with its recorded settings' },
    { name: 'checkpoint-every', type: 'string', value: 'N', description: 'write checkpoint.json every N steps (default 100; always at the end and on Ctrl-C)' },
    { name: 'no-pictures', type: 'boolean', description: 'skip the pictures (faster)' },
  ],
  examples: [
    'vmodel fit models/vae.vmodel --data x=models/data/mnist-train-3k-images.idx.gz --labels models/data/mnist-train-3k-labels.idx.gz --binarize dynamic --test x=models/data/mnist-test-1k-images.idx.gz --epochs 20 --out runs/vae',
    'vmodel fit models/blr.vmodel --data models/data/blr.csv --guide mf --iters 500 --test 0.2',
    'vmodel fit models/eight_schools.vmodel --data models/data/eight_schools.csv --method fullrank --seed 3',
    'vmodel fit --resume runs/vae',
  ],
  notes: 'Press Ctrl-C to stop after the current step: the checkpoint is written and `vmodel fit --resume DIR` continues.',
};

/** Options that shape the result, which `--resume` takes from the run instead. */
const RECORDED = [...DATA_OPTIONS, ...TEST_OPTIONS, ...FIT_SETTING_OPTIONS].map((o) => o.name).concat(['out', 'plugin']);

interface FitPlan {
  readonly modelPath: string;
  readonly plugins: readonly string[];
  readonly data: DataArgs;
  readonly dir: string;
  /** Settings from the flags, or the recorded run's when resuming. */
  readonly settings?: FitSettings;
  readonly resume?: RunConfig;
}

export async function fitCommand(args: ParsedArgs, io: Io, argv: readonly string[]): Promise<number> {
  const plan = planFit(args);
  const model = await loadGraph(plan.modelPath, io, plan.plugins);
  const graph = model.graph;
  if (plan.resume && plan.resume.model.sha256 !== model.sha256) {
    throw new UserError(`error: ${plan.modelPath} has changed since the run in ${plan.dir} was started (SHA-256 ${plan.resume.model.sha256.slice(0, 12)}…, now ${model.sha256.slice(0, 12)}…); start a new run instead`);
  }
  const settings = plan.settings ?? resolveFitSettings(graph, args.values, 'fit');
  const checkpointEvery = intOption(args.values, 'checkpoint-every', 'fit') ?? 100;
  const { train, test } = loadDatasets(graph, plan.data, settings.seed, io, 'fit');
  if (settings.method === 'em' && plan.resume) throw new UsageError('EM runs are short and not resumable: start the run again', 'fit');
  const backend = await useBackend(args.values, 'fit');
  const paths = runPaths(plan.dir);

  let resumeState: CheckpointFile | undefined;
  if (plan.resume) {
    resumeState = readJson<CheckpointFile>(paths.checkpoint, 'checkpoint');
    if (resumeState.format !== CHECKPOINT_FORMAT) throw new UserError(`error: ${paths.checkpoint} is not a ${CHECKPOINT_FORMAT} file`);
  } else {
    const config: RunConfig = {
      format: RUN_FORMAT,
      command: 'fit',
      created: new Date().toISOString(),
      argv: ['fit', ...argv],
      model: { path: resolve(plan.modelPath), name: graph.name, sha256: model.sha256 },
      plugins: plan.plugins.map((p) => resolve(p)),
      data: absoluteDataArgs(plan.data),
      rows: { train: train.n, ...(test ? { test: test.n } : {}) },
      settings,
      backend,
      versions: versions(),
    };
    writeJson(paths.config, config);
  }

  const { chooseGuide } = await import('../../inference/setup.js');
  const reporter = new ProgressReporter(io);
  const guideName = chooseGuide(graph, settings.method, settings.guide).name;
  io.err(`${resumeState ? 'resuming' : 'fitting'} ${graph.name} (${train.n} rows${test ? `, ${test.n} held out` : ''}): method ${settings.method}, guide ${guideName}, objective ${settings.method === 'em' ? 'log-likelihood (EM)' : settings.objective}, seed ${settings.seed}, backend ${backend.name}\n`);
  io.err(`run directory: ${plan.dir}\n`);
  const writeCheckpoint = (state: CheckpointFile['state']) =>
    writeJson(paths.checkpoint, { format: CHECKPOINT_FORMAT, modelSha256: model.sha256, method: settings.method, guide: guideName, rows: train.n, state } satisfies CheckpointFile, true);
  if (settings.method === 'em') {
    const result = await runEmFit(graph, train, settings, reporter, io);
    writeJson(paths.checkpoint, { format: CHECKPOINT_FORMAT, modelSha256: model.sha256, method: 'em', guide: guideName, rows: train.n, state: { step: result.steps, params: result.prepared.store.state(), trace: Array.from(result.trace) } } satisfies CheckpointFile, true);
    return finish(result, { graph, train, test, settings, guideName, dir: plan.dir, pictures: !args.values['no-pictures'] }, io);
  }
  const { runFit } = await import('../../inference/fit/run-fit.js');
  let result: FitResult;
  try {
    result = runFit(graph, train, {
      ...makeFitOptions(settings),
      progressEvery: 1,
      onProgress: (p) => reporter.update(p),
      checkpointEvery,
      onCheckpoint: writeCheckpoint,
      signal: abortSignalOf(io),
      ...(resumeState ? { resume: resumableState(resumeState, paths.checkpoint) } : {}),
    });
  } finally {
    reporter.finish();
  }
  for (const site of result.plan) io.err(`  ${site.latent}: q = ${site.q}, ${site.estimator} gradient (${site.reason})\n`);
  return finish({ ...result, objectiveName: settings.objective }, { graph, train, test, settings, guideName, dir: plan.dir, pictures: !args.values['no-pictures'] }, io);
}

/** A variational checkpoint's loop state (an EM checkpoint has no optimizer state to continue). */
function resumableState(file: CheckpointFile, path: string): FitCheckpoint {
  if (!('optimizer' in file.state)) throw new UserError(`error: ${path} was written by an EM run, which cannot be resumed`);
  return file.state;
}

/** What `finish` needs of a fit, variational or EM. */
interface Finished {
  readonly prepared: Prepared;
  readonly trace: Float64Array;
  readonly steps: number;
  readonly stopReason: string;
  readonly seconds: number;
  readonly objectiveName: string;
  readonly plan?: FitResult['plan'];
  readonly em?: Omit<EmResult, 'prepared' | 'logLikTrace'>;
}

interface RunContext {
  readonly graph: ModelGraph;
  readonly train: Dataset;
  readonly test: Dataset | undefined;
  readonly settings: FitSettings;
  readonly guideName: string;
  readonly dir: string;
  readonly pictures: boolean;
}

/** The trace, summary, pictures and final table of a fit. */
async function finish(result: Finished, run: RunContext, io: Io): Promise<number> {
  const paths = runPaths(run.dir);
  writeAtomic(paths.trace, traceCsv(result.trace));
  try {
    if (result.stopReason === 'interrupted') {
      writeJson(paths.summary, summaryOf(result, run.settings, undefined, []));
      io.err(`interrupted after step ${result.steps}; checkpoint written to ${paths.checkpoint}\ncontinue with: vmodel fit --resume ${run.dir}\n`);
      return 0;
    }
    const analysis = await analyzeFit(result.prepared, run.train, run.test, { seed: run.settings.seed, iwaeK: 100, exactPosterior: result.em?.exactEStep ?? false });
    const pictures = run.pictures ? await drawFitPictures(paths.pictures, run.graph, run.guideName, result.trace, result.objectiveName, analysis) : [];
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

/** EM: iterations reported like steps; the trace is the log-likelihood (or bound) per row. */
async function runEmFit(graph: ModelGraph, train: Dataset, settings: FitSettings, reporter: ProgressReporter, io: Io): Promise<Finished> {
  const { runEm } = await import('../../inference/em/index.js');
  const maxIters = settings.maxSteps ?? graph.infer.iters ?? 200;
  if (settings.epochs !== undefined && settings.maxSteps === undefined) io.err('note: EM runs full-batch iterations; --epochs N is taken as N iterations\n');
  let result: EmResult;
  try {
    result = runEm(graph, train, {
      maxIters: settings.maxSteps ?? settings.epochs ?? maxIters,
      seed: settings.seed,
      ...(settings.guide !== undefined ? { guide: settings.guide } : {}),
      onProgress: (p) => reporter.update({ step: p.iter, maxSteps: maxIters, epoch: p.iter - 1, objective: p.objective, windowMean: p.objective, stepsPerSecond: 0, etaSeconds: 0 }),
    });
  } finally {
    reporter.finish();
  }
  for (const note of result.notes) io.err(`  ${note}\n`);
  for (const update of result.updates) io.err(`  M-step ${update.param}: ${update.kind} (${update.rule})\n`);
  for (const warning of result.warnings) io.err(`warning: ${warning}\n`);
  const { prepared, logLikTrace, ...em } = result;
  return {
    prepared,
    trace: Float64Array.from(logLikTrace),
    steps: logLikTrace.length,
    stopReason: result.converged ? 'converged' : 'max-steps',
    seconds: result.seconds,
    objectiveName: result.objective,
    em,
  };
}

function planFit(args: ParsedArgs): FitPlan {
  const resumeDir = stringOption(args.values, 'resume');
  if (resumeDir === undefined) {
    const modelPath = args.positionals[0];
    if (modelPath === undefined) throw new UsageError("'vmodel fit' needs FILE (or --resume DIR)", 'fit');
    const data = readDataArgs(args.values, 'fit');
    const name = modelPath.replace(/^.*[\\/]/, '').replace(/\.vmodel$/, '');
    const method = stringOption(args.values, 'method') ?? 'fit';
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
    return { modelPath, plugins: listOption(args.values, 'plugin'), data, dir: stringOption(args.values, 'out') ?? join('runs', `${name}-${method}-${stamp}`) };
  }
  const clash = RECORDED.find((name) => args.values[name] !== undefined);
  if (clash) throw new UsageError(`--resume continues a run with its recorded settings; --${clash} cannot be combined with it`, 'fit');
  const paths = runPaths(resumeDir);
  if (!existsSync(paths.config)) throw new UserError(`error: cannot resume ${resumeDir}: no config.json there (is it a run directory written by vmodel fit?)`);
  const config = readJson<RunConfig>(paths.config, 'run configuration');
  if (config.format !== RUN_FORMAT) throw new UserError(`error: ${paths.config} is not a ${RUN_FORMAT} file`);
  const modelPath = args.positionals[0] ?? config.model.path;
  if (args.positionals[0] !== undefined && resolve(args.positionals[0]) !== config.model.path) {
    throw new UsageError(`${args.positionals[0]} is not the model of the run in ${resumeDir} (${config.model.path})`, 'fit');
  }
  return { modelPath, plugins: config.plugins, data: config.data, dir: resumeDir, settings: config.settings, resume: config };
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
