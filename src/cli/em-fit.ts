/** `vmodel fit --method em`: EM iterations reported like steps, the log-likelihood per row as the trace. */
import type { Dataset } from '../data/index.js';
import type { ModelGraph } from '../graph/ir.js';
import type { EmResult } from '../inference/em/index.js';
import type { FitSettings } from './fit-settings.js';
import type { Finished } from './fit-report.js';
import { abortSignalOf, type Io } from './io.js';
import type { EmCheckpoint } from './run-files.js';
import type { ProgressReporter } from './progress.js';

/** Run EM; the trace is the log-likelihood (or its bound) per row at every iteration. */
export async function runEmFit(graph: ModelGraph, train: Dataset, settings: FitSettings, reporter: ProgressReporter, io: Io, resume?: EmCheckpoint): Promise<Finished> {
  const { runEm } = await import('../inference/em/index.js');
  const maxIters = settings.maxSteps ?? settings.epochs ?? graph.infer.iters ?? 200;
  if (settings.epochs !== undefined && settings.maxSteps === undefined) io.err('note: EM runs full-batch iterations; --epochs N is taken as N iterations\n');
  let result: EmResult;
  try {
    result = runEm(graph, train, {
      maxIters,
      seed: settings.seed,
      // Ctrl-C stops after the current iteration; --resume continues from the saved parameters.
      signal: abortSignalOf(io),
      ...(resume ? { resume: { params: resume.params, trace: resume.trace } } : {}),
      ...(settings.restarts !== undefined ? { restarts: settings.restarts } : {}),
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
    stopReason: result.interrupted ? 'interrupted' : result.converged ? 'converged' : 'max-steps',
    seconds: result.seconds,
    objectiveName: result.objective,
    em,
  };
}

