/**
 * The data flags shared by `fit`, `eval` and `compare`, and loading the files they name against
 * the model's `data` declarations. Every problem in the files is printed and stops the command
 * (exit 1) before any training starts.
 */
import {
  dataSpecsOf, dynamicBinarize, loadData, parseBinarize, parseDataArgument, parseHeldOut, renderDataDiagnostics, splitData, subsetRows,
  type Binarize, type Dataset, type DataSource, type LoadOptions,
} from '../data/index.js';
import type { ModelGraph } from '../graph/ir.js';
import { Rng } from '../runtime/rng.js';
import { intOption, listOption, stringOption, type OptionSpec, type OptionValues } from './args.js';
import { UsageError, UserError } from './errors.js';
import type { Io } from './io.js';

export const DATA_OPTIONS: readonly OptionSpec[] = [
  { name: 'data', type: 'string', value: 'PATH', multiple: true, description: 'data file or directory; VAR=PATH maps it to one variable; repeatable' },
  { name: 'labels', type: 'string', value: 'PATH', description: 'integer labels per row, for colouring the latent-space picture' },
  { name: 'binarize', type: 'string', value: 'T|dynamic', description: 'binarize intensities of binary data: a threshold in [0, 1), or dynamic (resampled per epoch)' },
  { name: 'ignore', type: 'string', value: 'NAME', multiple: true, description: 'drop an undeclared column or variable instead of reporting it; repeatable' },
  { name: 'rows', type: 'string', value: 'N', description: 'use only the first N rows of each data set (quick trials)' },
];

export const TEST_OPTIONS: readonly OptionSpec[] = [
  { name: 'test', type: 'string', value: 'PATH|FRACTION', description: 'held-out data: a file (VAR=PATH) or a fraction of the rows, e.g. 0.1' },
  { name: 'test-labels', type: 'string', value: 'PATH', description: 'labels of the held-out file' },
];

/** The data flags, validated (but no file read yet). */
export interface DataArgs {
  readonly sources: readonly DataSource[];
  readonly binarize: Binarize;
  readonly labels?: string;
  readonly ignore: readonly string[];
  readonly rows?: number;
  readonly test?: string;
  readonly testLabels?: string;
}

export function readDataArgs(values: OptionValues, command: string): DataArgs {
  const data = listOption(values, 'data');
  if (data.length === 0) throw new UsageError(`'vmodel ${command}' needs --data PATH (or VAR=PATH)`, command);
  let binarize: Binarize = 'none';
  const b = stringOption(values, 'binarize');
  if (b !== undefined) {
    try {
      binarize = parseBinarize(b);
    } catch (e) {
      throw new UsageError((e as Error).message, command);
    }
  }
  const rows = intOption(values, 'rows', command);
  const labels = stringOption(values, 'labels');
  const test = stringOption(values, 'test');
  const testLabels = stringOption(values, 'test-labels');
  if (testLabels !== undefined && test === undefined) throw new UsageError('--test-labels needs --test PATH', command);
  return {
    sources: data.map(parseDataArgument),
    binarize,
    ignore: listOption(values, 'ignore'),
    ...(labels !== undefined ? { labels } : {}),
    ...(rows !== undefined ? { rows } : {}),
    ...(test !== undefined ? { test } : {}),
    ...(testLabels !== undefined ? { testLabels } : {}),
  };
}

export interface LoadedData {
  readonly train: Dataset;
  readonly test?: Dataset;
}

/**
 * Load and validate the training data (and the held-out data, if `--test` was given): a file
 * validated like the training files, or a seeded fraction of the training rows. Held-out data is
 * binarized once (see `binarizeOnce`); training data keeps dynamic binarization for the fit.
 */
export function loadDatasets(graph: ModelGraph, args: DataArgs, seed: number, io: Io, command: string): LoadedData {
  const specs = dataSpecsOf(graph);
  const options: LoadOptions = { binarize: args.binarize, ignore: args.ignore, ...(args.labels !== undefined ? { labels: args.labels } : {}) };
  let heldOut: ReturnType<typeof parseHeldOut> | undefined;
  if (args.test !== undefined) {
    try {
      heldOut = parseHeldOut(args.test, seed);
    } catch (e) {
      throw new UsageError(`--test: ${(e as Error).message}`, command);
    }
  }
  const main = loadData(args.sources, specs, options);
  const second = heldOut && 'sources' in heldOut
    ? loadData(heldOut.sources, specs, { binarize: args.binarize, ignore: args.ignore, ...(args.testLabels !== undefined ? { labels: args.testLabels } : {}) })
    : undefined;
  const diagnostics = [...main.diagnostics, ...(second?.diagnostics ?? [])];
  const rendered = renderDataDiagnostics(diagnostics, main.omitted + (second?.omitted ?? 0));
  if (!main.dataset || (second && !second.dataset)) throw new UserError(rendered);
  if (rendered) io.err(rendered);
  const first = (d: Dataset) => (args.rows !== undefined && args.rows < d.n ? subsetRows(d, Int32Array.from({ length: args.rows }, (_, i) => i)) : d);
  const train = first(main.dataset);
  if (heldOut && 'fraction' in heldOut) {
    if (Math.round(heldOut.fraction * train.n) < 1 || Math.round(heldOut.fraction * train.n) >= train.n) {
      throw new UsageError(`--test ${args.test} leaves no rows on one side of the split of ${train.n} rows`, command);
    }
    const split = splitData(train, heldOut);
    return { train: split.train, test: binarizeOnce(split.heldOut, seed) };
  }
  return second?.dataset ? { train, test: binarizeOnce(first(second.dataset), seed) } : { train };
}

/**
 * Evaluation data with dynamically binarized columns drawn once, x ~ Bernoulli(intensity), from a
 * seeded stream: every guide and every estimate then sees the same binary images (the usual
 * protocol for held-out MNIST). Other columns are shared, not copied.
 */
export function binarizeOnce(data: Dataset, seed: number): Dataset {
  const dynamic = Object.entries(data.columns).filter(([, c]) => c.dynamicBinarization);
  if (dynamic.length === 0) return data;
  const rng = new Rng(seed);
  const columns = { ...data.columns };
  for (const [name, c] of dynamic) columns[name] = { ...c, values: dynamicBinarize(c.values as Float32Array, rng), dynamicBinarization: false };
  return { ...data, columns };
}
