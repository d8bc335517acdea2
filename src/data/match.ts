/**
 * Matching what the files provide against what the model declares: every declared variable from
 * exactly one source, no undeclared columns, row shapes that fit the declarations, and the same
 * number of rows everywhere. Reports every mismatch; returns the fields fit for value checks.
 */
import { D } from './codes.js';
import type { DiagnosticSink } from './diagnostic.js';
import type { RawField } from './field.js';
import { describeSpec, sizeOfShape, type DataSpec } from './spec.js';

export interface MatchOptions {
  readonly ignore: ReadonlySet<string>;
  /** An undeclared field with this name is the labels (null: no label column). */
  readonly labelColumn: string | null;
  /** Labels from a labels file, if any; they take precedence over a label column. */
  readonly labels?: RawField;
  /** The sources, for messages about a variable no file provides. */
  readonly where: string;
}

export interface Matched {
  /** Fields whose values should be validated, each with its declaration. */
  readonly usable: readonly (readonly [RawField, DataSpec])[];
  readonly labels?: RawField;
  /** The number of rows, when any field provided one. */
  readonly n?: number;
}

export function matchFields(fields: readonly RawField[], specs: readonly DataSpec[], options: MatchOptions, sink: DiagnosticSink): Matched {
  const specMap = new Map(specs.map((s) => [s.name, s]));
  let labels = options.labels;
  const provided = new Map<string, RawField>();
  const undeclared: RawField[] = [];
  for (const f of fields) {
    if (!specMap.has(f.name)) {
      if (options.ignore.has(f.name)) continue;
      // The label column is never an extra column; it gives the labels unless a labels file does.
      if (options.labelColumn !== null && f.name === options.labelColumn && !f.broken) labels ??= f;
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
  reportUndeclared(undeclared, specs, sink);
  reportMissing(specs, provided, undeclared, options.where, sink);

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
  if (labels && !labels.broken) counted.push(labels);
  const reference = counted[0];
  for (const f of counted) {
    if (f.n !== reference!.n) {
      sink.error(D.rowCount, { file: f.file, column: f.display ?? f.name },
        `'${f.name}' has ${f.n} row${f.n === 1 ? '' : 's'} but '${reference!.name}' (${reference!.file}) has ${reference!.n}`,
        'every data variable needs one value per data row');
    }
  }
  return { usable, ...(labels ? { labels } : {}), ...(reference ? { n: reference.n } : {}) };
}

/** A file shape matches a declared shape if equal, or if the declaration is its flattening (or [1] for a scalar). */
export function shapesMatch(file: readonly number[], declared: readonly number[]): boolean {
  if (file.length === declared.length && file.every((d, k) => d === declared[k])) return true;
  if (declared.length === 1) return sizeOfShape(file) === declared[0];
  return declared.length === 0 && file.length === 1 && file[0] === 1;
}

function reportUndeclared(undeclared: readonly RawField[], specs: readonly DataSpec[], sink: DiagnosticSink): void {
  for (const f of undeclared) {
    if (f.nameFromFile) {
      sink.error(D.extra, { file: f.file }, `the file is not mapped to a variable, and '${f.name}' is not a declared variable`,
        `map it to one: ${specs.map((s) => `${s.name}=${f.file}`).join(' or ') || 'the model declares no data'}`);
      continue;
    }
    const group = f.display !== undefined && f.display !== f.name;
    sink.error(D.extra, { file: f.file, column: f.display ?? f.name }, `${group ? `columns ${f.display} are` : `'${f.name}' is`} not declared in the model`,
      `declare it (data ${f.name} : ...), remove it from the file, or ignore it (ignore: ['${f.name}'], --ignore ${f.name})`);
  }
}

function reportMissing(specs: readonly DataSpec[], provided: ReadonlyMap<string, RawField>, undeclared: readonly RawField[], where: string, sink: DiagnosticSink): void {
  const candidates = undeclared.filter((f) => !f.nameFromFile).map((f) => `'${f.name}'`);
  for (const spec of specs) {
    if (provided.has(spec.name)) continue;
    sink.error(D.missing, { file: where }, `no data for '${spec.name}' (declared ${describeSpec(spec)})`,
      candidates.length > 0
        ? `the data have undeclared ${candidates.join(', ')}: rename one to '${spec.name}', or map a file with ${spec.name}=PATH`
        : `add a column '${spec.name}' or map a file with ${spec.name}=PATH`);
  }
}
