/**
 * Rebuilding a fitted run for `eval` and `sample`: the model recompiled from its recorded path
 * (refused if the file changed), the training data reloaded as recorded, and the parameters of
 * `checkpoint.json` loaded into a freshly prepared guide and model.
 */
import type { Dataset } from '../data/index.js';
import type { ModelGraph } from '../graph/ir.js';
import type { Prepared } from '../inference/setup.js';
import type { OptionValues } from './args.js';
import { useBackend } from './backend-option.js';
import { UserError } from './errors.js';
import type { Io } from './io.js';
import { loadDatasets } from './load-data.js';
import { loadGraph } from './load-model.js';
import { RUN_FORMAT, type RunConfig } from './run-config.js';
import { CHECKPOINT_FORMAT, readJson, runPaths, type CheckpointFile } from './run-files.js';

export interface RestoredRun {
  readonly dir: string;
  readonly config: RunConfig;
  readonly graph: ModelGraph;
  readonly train: Dataset;
  readonly prepared: Prepared;
}

export async function restoreRun(dir: string, io: Io, values: OptionValues, command: string): Promise<RestoredRun> {
  const paths = runPaths(dir);
  const config = readJson<RunConfig>(paths.config, 'run configuration');
  if (config.format !== RUN_FORMAT) throw new UserError(`error: ${paths.config} is not a ${RUN_FORMAT} file`);
  const model = await loadGraph(config.model.path, io, config.plugins);
  if (model.sha256 !== config.model.sha256) {
    throw new UserError(`error: ${config.model.path} has changed since the run in ${dir} was fitted (SHA-256 ${config.model.sha256.slice(0, 12)}…, now ${model.sha256.slice(0, 12)}…); refit it`);
  }
  const checkpoint = readJson<CheckpointFile>(paths.checkpoint, 'checkpoint');
  if (checkpoint.format !== CHECKPOINT_FORMAT) throw new UserError(`error: ${paths.checkpoint} is not a ${CHECKPOINT_FORMAT} file`);
  const { train } = loadDatasets(model.graph, config.data, config.settings.seed, io, command);
  if (train.n !== checkpoint.rows) {
    throw new UserError(`error: the training data of ${dir} now has ${train.n} rows, but the run was fitted on ${checkpoint.rows}; the data files changed`);
  }
  await useBackend(values, command, model.graph);
  const { prepare } = await import('../inference/setup.js');
  const method = config.settings.method === 'em' ? 'svi' : config.settings.method;
  const prepared = prepare(model.graph, checkpoint.rows, config.settings.seed, method, config.settings.guide);
  try {
    prepared.store.load(checkpoint.state.params);
  } catch (e) {
    prepared.store.dispose();
    throw new UserError(`error: ${paths.checkpoint} does not fit ${config.model.path}: ${(e as Error).message}`);
  }
  return { dir, config, graph: model.graph, train, prepared };
}
