/**
 * `vmodel fit FILE --data PATH`: run inference and write a run directory (config, checkpoints,
 * trace, summary, pictures). Ctrl-C stops after the current step and writes the checkpoint;
 * `--resume DIR` continues it to the same result as an uninterrupted run.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FitCheckpoint, FitResult } from '../../inference/fit/run-fit.js';
import { intOption, listOption, stringOption, type CommandSpec, type ParsedArgs } from '../args.js';
import { BACKEND_OPTION, THREADS_OPTION, useBackend } from '../backend-option.js';
import { UsageError, UserError } from '../errors.js';
import { runEmFit } from '../em-fit.js';
import { finish } from '../fit-report.js';
import { FIT_SETTING_OPTIONS, resolveFitSettings, type FitSettings } from '../fit-settings.js';
import { abortSignalOf, type Io } from '../io.js';
import { DATA_OPTIONS, loadDatasets, readDataArgs, TEST_OPTIONS, type DataArgs } from '../load-data.js';
import { loadGraph } from '../load-model.js';
import { ProgressReporter } from '../progress.js';
import { absoluteDataArgs, defaultRunDir, RUN_FORMAT, versions, type RunConfig } from '../run-config.js';
import { CHECKPOINT_FORMAT, readJson, runPaths, writeJson, type CheckpointFile, type EmCheckpoint } from '../run-files.js';

export const fitSpec: CommandSpec = {
  name: 'fit',
  summary: 'Fit a model to data and write a run directory: config.json, checkpoint.json, trace.csv, summary.json and pictures/. Flags override the model\'s infer block.',
  positionals: [{ name: 'FILE', description: 'the .vmodel file (omit with --resume)', optional: true }],
  options: [
    ...DATA_OPTIONS,
    ...TEST_OPTIONS,
    ...FIT_SETTING_OPTIONS,
    BACKEND_OPTION,
    THREADS_OPTION,
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
  /** The run directory; absent: the default, named after the model and method. */
  readonly dir?: string;
  /** Settings from the flags, or the recorded run's when resuming. */
  readonly settings?: FitSettings;
  readonly resume?: RunConfig & { readonly dir: string };
}

export async function fitCommand(args: ParsedArgs, io: Io, argv: readonly string[]): Promise<number> {
  const plan = planFit(args);
  const model = await loadGraph(plan.modelPath, io, plan.plugins);
  const graph = model.graph;
  if (plan.resume && plan.resume.model.sha256 !== model.sha256) {
    throw new UserError(`error: ${plan.modelPath} has changed since the run in ${plan.resume.dir} was started (SHA-256 ${plan.resume.model.sha256.slice(0, 12)}…, now ${model.sha256.slice(0, 12)}…); start a new run instead`);
  }
  const settings = plan.settings ?? resolveFitSettings(graph, args.values, 'fit');
  const checkpointEvery = intOption(args.values, 'checkpoint-every', 'fit') ?? 100;
  const { train, test } = loadDatasets(graph, plan.data, settings.seed, io, 'fit');
  const backend = await useBackend(args.values, 'fit', graph);
  const dir = plan.dir ?? defaultRunDir(graph.name, settings.method);
  const paths = runPaths(dir);

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
  io.err(`${resumeState ? 'resuming' : 'fitting'} ${graph.name} (${train.n} rows${test ? `, ${test.n} held out` : ''}): method ${settings.method}, guide ${guideName}, objective ${settings.method === 'em' ? 'log-likelihood (EM)' : settings.objective}, seed ${settings.seed}, backend ${backend.name}${backend.threads !== undefined && backend.threads > 1 ? ` (${backend.threads} threads)` : ''}\n`);
  io.err(`run directory: ${dir}\n`);
  const writeCheckpoint = (state: CheckpointFile['state']) =>
    writeJson(paths.checkpoint, { format: CHECKPOINT_FORMAT, modelSha256: model.sha256, method: settings.method, guide: guideName, rows: train.n, state } satisfies CheckpointFile, true);
  if (settings.method === 'em') {
    const result = await runEmFit(graph, train, settings, reporter, io, resumeState ? emState(resumeState, paths.checkpoint) : undefined);
    writeJson(paths.checkpoint, { format: CHECKPOINT_FORMAT, modelSha256: model.sha256, method: 'em', guide: guideName, rows: train.n, state: { step: result.steps, params: result.prepared.store.state(), trace: Array.from(result.trace) } } satisfies CheckpointFile, true);
    return finish(result, { graph, train, test, settings, guideName, dir, pictures: !args.values['no-pictures'] }, io);
  }
  const { runFit } = await import('../../inference/fit/run-fit.js');
  const { makeFitOptions } = await import('../fit-options.js');
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
  return finish({ ...result, objectiveName: settings.objective }, { graph, train, test, settings, guideName, dir, pictures: !args.values['no-pictures'] }, io);
}

/** A variational checkpoint's loop state. */
function resumableState(file: CheckpointFile, path: string): FitCheckpoint {
  if (!('optimizer' in file.state)) throw new UserError(`error: ${path} was written by an EM run: resume it with --method em`);
  return file.state;
}

/** An EM checkpoint's parameters and trace. */
function emState(file: CheckpointFile, path: string): EmCheckpoint {
  if ('optimizer' in file.state) throw new UserError(`error: ${path} was written by a variational fit, not by EM`);
  return file.state;
}

function planFit(args: ParsedArgs): FitPlan {
  const resumeDir = stringOption(args.values, 'resume');
  if (resumeDir === undefined) {
    const modelPath = args.positionals[0];
    if (modelPath === undefined) throw new UsageError("'vmodel fit' needs FILE (or --resume DIR)", 'fit');
    const data = readDataArgs(args.values, 'fit');
    const out = stringOption(args.values, 'out');
    return { modelPath, plugins: listOption(args.values, 'plugin'), data, ...(out !== undefined ? { dir: out } : {}) };
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
  return { modelPath, plugins: config.plugins, data: config.data, dir: resumeDir, settings: config.settings, resume: { ...config, dir: resumeDir } };
}
