/**
 * `loadData`: read data sources, match them against the model's `data` declarations, validate
 * every value, and return a `Dataset`, or every problem found (up to a cap) as diagnostics,
 * before any training starts.
 *
 *   loadData('models/data/blr.csv', specs)                              one CSV, columns by header name
 *   loadData([{ variable: 'x', path: 'mnist-train-3k-images.idx.gz' }], specs, { binarize: { threshold: 0.5 } })
 */
import { checkBinarize, type Binarize } from './binarize.js';
import { D } from './codes.js';
import { DiagnosticSink, type DataDiagnostic } from './diagnostic.js';
import type { RawField } from './field.js';
import { readLabels, toLabels } from './labels.js';
import { matchFields } from './match.js';
import { readSource, type DataSource } from './read-source.js';
import type { Column, DataSpec, Dataset } from './spec.js';
import { toColumn } from './to-column.js';

export interface LoadOptions {
  /** For `binary` variables: 'none' (default; values must be 0/1), a fixed threshold, or 'dynamic'. */
  readonly binarize?: Binarize;
  /** Undeclared columns or variables to drop silently instead of reporting them. */
  readonly ignore?: readonly string[];
  /** A file of integer labels (IDX, .npy, or CSV/JSON with a `label` column), for plotting only. */
  readonly labels?: string | DataSource;
  /** An undeclared CSV/JSON column with this name becomes the labels (default 'label'; null: never). */
  readonly labelColumn?: string | null;
  /** How many diagnostics to keep (default 20); the rest are counted. */
  readonly maxErrors?: number;
}

export interface LoadResult {
  /** Present only when there are no errors. */
  readonly dataset?: Dataset;
  readonly diagnostics: readonly DataDiagnostic[];
  /** Diagnostics counted beyond `maxErrors`. */
  readonly omitted: number;
}

export type Sources = string | DataSource | readonly (string | DataSource)[];

function normalizeSources(sources: Sources): DataSource[] {
  const list = typeof sources === 'string' || !Array.isArray(sources) ? [sources as string | DataSource] : (sources as readonly (string | DataSource)[]);
  return list.map((s) => (typeof s === 'string' ? { path: s } : s));
}

export function loadData(sources: Sources, specs: readonly DataSpec[], options: LoadOptions = {}): LoadResult {
  const binarize = options.binarize ?? 'none';
  checkBinarize(binarize);
  const maxErrors = options.maxErrors ?? 20;
  if (!Number.isInteger(maxErrors) || maxErrors < 1) throw new RangeError(`maxErrors must be a positive integer, got ${maxErrors}`);
  const sink = new DiagnosticSink(maxErrors);
  const specMap = new Map(specs.map((s) => [s.name, s]));
  const list = normalizeSources(sources);
  const where = list.map((s) => s.path).join(', ') || '(no data files)';
  const labelColumn = options.labelColumn === undefined ? 'label' : options.labelColumn;

  const fields: RawField[] = [];
  for (const source of list) {
    let read = readSource(source, { specs: specMap, sink });
    // A lone unmapped array whose file name is not a variable goes to the model's only data variable.
    if (source.variable === undefined && specs.length === 1 && read.length === 1) {
      read = read.map((f) => (f.nameFromFile && !specMap.has(f.name) ? { ...f, name: specs[0]!.name } : f));
    }
    fields.push(...read);
  }
  const labelsFile = options.labels === undefined ? undefined
    : readLabels(typeof options.labels === 'string' ? { path: options.labels } : options.labels, labelColumn ?? 'label', sink);

  const matched = matchFields(fields, specs, {
    ignore: new Set(options.ignore ?? []),
    labelColumn,
    where,
    ...(labelsFile ? { labels: labelsFile } : {}),
  }, sink);
  const columns: Record<string, Column> = {};
  for (const [f, spec] of matched.usable) columns[spec.name] = toColumn(f, spec, binarize, sink);
  const labels = matched.labels && !matched.labels.broken ? toLabels(matched.labels, sink) : undefined;

  if (binarize !== 'none' && !specs.some((s) => s.kind === 'binary')) {
    sink.warning(D.noBinary, { file: where }, `binarize ${typeof binarize === 'object' ? binarize.threshold : binarize} has no effect: no data variable is declared binary`);
  }
  if (sink.errors > 0 || matched.n === undefined) return { diagnostics: sink.diagnostics, omitted: sink.omitted };
  const dataset: Dataset = { n: matched.n, columns, source: where, ...(labels ? { labels } : {}) };
  return { dataset, diagnostics: sink.diagnostics, omitted: sink.omitted };
}
