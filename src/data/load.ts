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
import { formatOf, readSource, type DataSource } from './read-source.js';
import { describeSpec, sizeOfShape, type Column, type DataSpec, type Dataset } from './spec.js';
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

/** Whether a file holds one unnamed array (its variable comes from a mapping or its name). */
function isSingleArray(source: DataSource): boolean {
  const format = formatOf(source.path);
  return format === 'npy' || format === 'idx';
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
  const ignore = new Set(options.ignore ?? []);
  const labelColumn = options.labelColumn === undefined ? 'label' : options.labelColumn;

  const fields: RawField[] = [];
  for (const source of list) {
    let read = readSource(source, { specs: specMap, sink });
    // An unmapped array whose file name is not a variable goes to the model's only data variable.
    if (source.variable === undefined && isSingleArray(source) && specs.length === 1) {
      read = read.map((f) => (specMap.has(f.name) ? f : { ...f, name: specs[0]!.name }));
    }
    fields.push(...read);
  }

  let labels: RawField | undefined;
  if (options.labels !== undefined) {
    labels = readLabels(typeof options.labels === 'string' ? { path: options.labels } : options.labels, labelColumn ?? 'label', sink);
  }

  // Group by variable: report duplicates, undeclared columns, missing variables.
  const provided = new Map<string, RawField>();
  const undeclared: RawField[] = [];
  for (const f of fields) {
    if (!specMap.has(f.name)) {
      if (ignore.has(f.name)) continue;
      // The label column is never an extra column; it gives the labels unless a labels file does.
      if (labelColumn !== null && f.name === labelColumn && !f.broken) labels ??= f;
      else undeclared.push(f);
      continue;
    }
    const earlier = provided.get(f.name);
    if (earlier) {
      sink.error(D.duplicate, { file: f.file, column: f.display ?? f.name },
        `'${f.name}' is also provided by ${earlier.file === f.file ? 'another column group of this file' : earlier.file}`,
        'give each data variable exactly one source');
      continue;
    }
    provided.set(f.name, f);
  }
  for (const f of undeclared) {
    if (f.nameFromFile) {
      sink.error(D.extra, { file: f.file }, `the file is not mapped to a variable, and '${f.name}' is not a declared variable`,
        `map it to one: ${specs.map((s) => `${s.name}=${f.file}`).join(' or ') || 'the model declares no data'}`);
      continue;
    }
    const what = f.display !== undefined && f.display !== f.name ? `columns ${f.display}` : `'${f.name}'`;
    sink.error(D.extra, { file: f.file, column: f.display ?? f.name }, `${what} ${f.display?.includes('..') ? 'are' : 'is'} not declared in the model`,
      `declare it (data ${f.name} : ...), remove it from the file, or ignore it (ignore: ['${f.name}'], --ignore ${f.name})`);
  }
  for (const spec of specs) {
    if (provided.has(spec.name)) continue;
    const candidates = undeclared.filter((f) => !f.nameFromFile).map((f) => `'${f.name}'`);
    sink.error(D.missing, { file: where }, `no data for '${spec.name}' (declared ${describeSpec(spec)})`,
      candidates.length > 0
        ? `the data have undeclared ${candidates.join(', ')}: rename one to '${spec.name}', or map a file with ${spec.name}=PATH`
        : `add a column '${spec.name}' or map a file with ${spec.name}=PATH`);
  }

  // Shapes and row counts, then values.
  const usable: [RawField, DataSpec][] = [];
  for (const [name, f] of provided) {
    if (f.broken) continue;
    const spec = specMap.get(name)!;
    if (shapesMatch(f.shape, spec.shape)) usable.push([f, spec]);
    else {
      sink.error(D.shape, { file: f.file, column: f.display ?? name },
        `rows of '${name}' have shape [${f.shape.join(', ')}] (${sizeOfShape(f.shape)} values) but it is declared ${describeSpec(spec)}`,
        'the file must hold one value of the declared shape per row (a flat declaration also matches a file shape of the same size)');
    }
  }
  const counted = [...provided.values()].filter((f) => !f.broken);
  if (labels) counted.push(labels);
  const reference = counted[0];
  for (const f of counted) {
    if (f.n !== reference!.n) {
      sink.error(D.rowCount, { file: f.file, column: f.display ?? f.name },
        `'${f.name}' has ${f.n} row${f.n === 1 ? '' : 's'} but '${reference!.name}' (${reference!.file}) has ${reference!.n}`,
        'every data variable needs one value per data row');
    }
  }
  const columns: Record<string, Column> = {};
  for (const [f, spec] of usable) columns[spec.name] = toColumn(f, spec, binarize, sink);
  const labelValues = labels && !labels.broken ? toLabels(labels, sink) : undefined;

  if (binarize !== 'none' && !specs.some((s) => s.kind === 'binary')) {
    sink.warning(D.noBinary, { file: where }, `binarize ${typeof binarize === 'object' ? binarize.threshold : binarize} has no effect: no data variable is declared binary`);
  }
  if (sink.errors > 0 || reference === undefined) return { diagnostics: sink.diagnostics, omitted: sink.omitted };
  const dataset: Dataset = { n: reference.n, columns, source: where, ...(labelValues ? { labels: labelValues } : {}) };
  return { dataset, diagnostics: sink.diagnostics, omitted: sink.omitted };
}

/** A file shape matches a declared shape if equal, or if the declaration is its flattening (or [1] for a scalar). */
export function shapesMatch(file: readonly number[], declared: readonly number[]): boolean {
  if (file.length === declared.length && file.every((d, k) => d === declared[k])) return true;
  if (declared.length === 1) return sizeOfShape(file) === declared[0];
  return declared.length === 0 && file.length === 1 && file[0] === 1;
}

function readLabels(source: DataSource, labelColumn: string, sink: DiagnosticSink): RawField | undefined {
  const variable = isSingleArray(source) ? undefined : (source.variable ?? labelColumn);
  const fields = readSource({ path: source.path, ...(variable !== undefined ? { variable } : {}) }, { specs: new Map(), sink });
  const f = fields[0];
  if (f === undefined) return undefined;
  if (sizeOfShape(f.shape) !== 1) {
    sink.error(D.shape, { file: f.file }, `labels must be one integer per row, but rows have shape [${f.shape.join(', ')}]`);
    return undefined;
  }
  return { ...f, name: 'labels' };
}

function toLabels(f: RawField, sink: DiagnosticSink): Int32Array | undefined {
  const out = new Int32Array(f.n);
  let ok = true;
  for (let r = 0; r < f.n; r++) {
    const v = f.values[r]!;
    if (!Number.isInteger(v) || Math.abs(v) > 2 ** 31 - 1) {
      ok = false;
      if (f.reported?.has(r)) continue;
      if (sink.full) sink.skipError();
      else sink.error(D.support, { file: f.file, row: r + 1, ...(f.lines ? { line: f.lines[r]! } : {}), column: f.display ?? f.name }, `label ${v} is not an integer`);
    } else out[r] = v;
  }
  return ok ? out : undefined;
}
