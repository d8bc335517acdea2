/**
 * The settings of a fit: the model's `infer { … }` block, overridden flag by flag by the command
 * line. The result is plain data, recorded in the run's config.json and turned into the engine's
 * `FitOptions` by fit-options.ts.
 */
import type { InferMethod, InferSettings, ModelGraph } from '../graph/ir.js';
import { parseObjectiveSpec } from '../inference/objectives/spec.js';
import { choiceOption, intOption, positiveOption, stringOption, type OptionSpec, type OptionValues } from './args.js';
import { UsageError } from './errors.js';

export const METHODS: readonly InferMethod[] = ['svi', 'meanfield', 'fullrank', 'map', 'em'];
const OPTIMIZERS = ['adam', 'sgd', 'rmsprop'] as const;

export const FIT_SETTING_OPTIONS: readonly OptionSpec[] = [
  { name: 'method', type: 'string', value: 'M', description: 'em, meanfield, fullrank, svi or map (default: the infer block, else svi)' },
  { name: 'guide', type: 'string', value: 'NAME', description: 'a guide declared in the model' },
  { name: 'objective', type: 'string', value: 'OBJ', description: 'elbo, iwae:K, beta:B[,warmup=STEPS], infovae:lambda=L,alpha=A' },
  { name: 'optimizer', type: 'string', value: 'OPT', description: 'adam, sgd or rmsprop' },
  { name: 'epochs', type: 'string', value: 'N', description: 'passes over the data (replaces the infer block\'s iters/epochs)' },
  { name: 'iters', type: 'string', value: 'N', description: 'optimization steps (replaces the infer block\'s iters/epochs)' },
  { name: 'batch', type: 'string', value: 'N', description: 'rows per step (default: all rows; svi: 128)' },
  { name: 'lr', type: 'string', value: 'RATE', description: 'learning rate' },
  { name: 'seed', type: 'string', value: 'N', description: 'random seed (default: the infer block\'s, else 0)' },
  { name: 'clip', type: 'string', value: 'NORM', description: 'clip the gradient to this global norm before each update' },
  { name: 'restarts', type: 'string', value: 'N', description: 'EM: independent starts (k-means++ seeded for mixtures); the best is kept (default 1)' },
];

/** A fit's resolved settings, as recorded in config.json. */
export interface FitSettings {
  readonly method: InferMethod;
  readonly guide?: string;
  /** The objective's spelling, e.g. `iwae:5` (parsed again by `makeFitOptions`, fit-options.ts). */
  readonly objective: string;
  readonly optimizer: (typeof OPTIMIZERS)[number];
  readonly lr?: number;
  readonly batchSize?: number;
  readonly epochs?: number;
  readonly maxSteps?: number;
  readonly seed: number;
  readonly clipNorm?: number;
  readonly restarts?: number;
}

/** The infer block's objective in command-line spelling (its `samples` folded in where it applies). */
export function objectiveSpelling(infer: InferSettings): string {
  const o = infer.objective ?? { kind: 'elbo' };
  const samples = infer.samples !== undefined && o.kind !== 'iwae' ? [`samples=${infer.samples}`] : [];
  switch (o.kind) {
    case 'elbo':
      return samples.length ? `elbo:${samples.join(',')}` : 'elbo';
    case 'iwae':
      return `iwae:${o.k}`;
    case 'beta':
      return `beta:${[`beta=${o.beta}`, ...samples].join(',')}`;
    case 'infovae':
      return `infovae:${[`lambda=${o.lambda}`, `alpha=${o.alpha}`, ...samples].join(',')}`;
  }
}

/** Merge the infer block and the flags; every bad value is a UsageError naming the flag. */
export function resolveFitSettings(graph: ModelGraph, values: OptionValues, command: string): FitSettings {
  const infer = graph.infer;
  const method = choiceOption(values, 'method', METHODS, command) ?? infer.method ?? 'svi';
  const guide = stringOption(values, 'guide') ?? (method === 'map' ? undefined : infer.guide);
  if (guide !== undefined && method !== 'map' && !graph.guides.some((g) => g.name === guide)) {
    const declared = graph.guides.map((g) => g.name);
    throw new UsageError(`unknown guide '${guide}': ${declared.length ? `${graph.name} declares ${declared.join(', ')}` : `${graph.name} declares no guides`}`, command);
  }
  const objective = stringOption(values, 'objective') ?? objectiveSpelling(infer);
  checkObjectiveFlag(objective, command);
  const optimizer = choiceOption(values, 'optimizer', OPTIMIZERS, command) ?? infer.optimizer?.kind ?? 'adam';
  const lr = positiveOption(values, 'lr', command) ?? (values.optimizer === undefined ? infer.optimizer?.lr : undefined);
  const epochsFlag = intOption(values, 'epochs', command);
  const itersFlag = intOption(values, 'iters', command);
  if (epochsFlag !== undefined && itersFlag !== undefined) throw new UsageError('give --epochs or --iters, not both', command);
  const fromFlags = epochsFlag !== undefined || itersFlag !== undefined;
  const epochs = fromFlags ? epochsFlag : infer.epochs;
  const maxSteps = fromFlags ? itersFlag : infer.iters;
  const batchSize = intOption(values, 'batch', command) ?? infer.batch;
  const seed = intOption(values, 'seed', command, 0) ?? infer.seed ?? 0;
  const clipNorm = positiveOption(values, 'clip', command);
  const restarts = intOption(values, 'restarts', command);
  if (restarts !== undefined && method !== 'em') throw new UsageError('--restarts applies to --method em', command);
  return {
    method,
    ...(guide !== undefined ? { guide } : {}),
    objective,
    optimizer,
    ...(lr !== undefined ? { lr } : {}),
    ...(batchSize !== undefined ? { batchSize } : {}),
    ...(epochs !== undefined && maxSteps === undefined ? { epochs } : {}),
    ...(maxSteps !== undefined ? { maxSteps } : {}),
    seed,
    ...(clipNorm !== undefined ? { clipNorm } : {}),
    ...(restarts !== undefined ? { restarts } : {}),
  };
}

function checkObjectiveFlag(text: string, command: string): void {
  try {
    parseObjectiveSpec(text);
  } catch (e) {
    throw new UsageError(`--objective: ${(e as Error).message}`, command);
  }
}
