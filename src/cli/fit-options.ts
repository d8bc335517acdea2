/**
 * A fit's settings as the engine's options, its objective built. Apart from fit-settings.ts because
 * building an objective loads tfjs: only `fit` and `compare` import this, when they run.
 */
import type { InferMethod } from '../graph/ir.js';
import type { FitOptions } from '../inference/fit/run-fit.js';
import { makeObjective, parseObjectiveSpec } from '../inference/objectives/index.js';
import type { FitSettings } from './fit-settings.js';

/** The engine's options for a variational method (EM has its own runner). */
export function makeFitOptions(settings: FitSettings): Omit<FitOptions, 'method'> & { method: Exclude<InferMethod, 'em'> } {
  if (settings.method === 'em') throw new Error('makeFitOptions: EM is not a variational fit');
  return {
    method: settings.method,
    ...(settings.guide !== undefined ? { guide: settings.guide } : {}),
    objective: makeObjective(parseObjectiveSpec(settings.objective)),
    optimizer: settings.optimizer,
    ...(settings.lr !== undefined ? { lr: settings.lr } : {}),
    ...(settings.batchSize !== undefined ? { batchSize: settings.batchSize } : {}),
    ...(settings.epochs !== undefined ? { epochs: settings.epochs } : {}),
    ...(settings.maxSteps !== undefined ? { maxSteps: settings.maxSteps } : {}),
    seed: settings.seed,
    ...(settings.clipNorm !== undefined ? { clipNorm: settings.clipNorm } : {}),
  };
}
