/**
 * Plotting labels: one integer per row (MNIST digit classes), from a labels file or from an
 * undeclared label column. They never enter the model.
 */
import { D } from './codes.js';
import type { DiagnosticSink } from './diagnostic.js';
import type { RawField } from './field.js';
import { formatOf, readSource, type DataSource } from './read-source.js';
import { sizeOfShape } from './spec.js';

/** Read a labels file: a single-array file (IDX, .npy), or the `labelColumn` of a CSV/JSON file. */
export function readLabels(source: DataSource, labelColumn: string, sink: DiagnosticSink): RawField | undefined {
  const format = formatOf(source.path);
  const variable = format === 'npy' || format === 'idx' ? undefined : (source.variable ?? labelColumn);
  const fields = readSource({ path: source.path, ...(variable !== undefined ? { variable } : {}) }, { specs: new Map(), sink });
  const f = fields[0];
  if (f === undefined) return undefined;
  if (sizeOfShape(f.shape) !== 1) {
    sink.error(D.shape, { file: f.file }, `labels must be one integer per row, but rows have shape [${f.shape.join(', ')}]`);
    return undefined;
  }
  return { ...f, name: 'labels' };
}

/** The labels as Int32Array, or undefined after reporting every non-integer. */
export function toLabels(f: RawField, sink: DiagnosticSink): Int32Array | undefined {
  const out = new Int32Array(f.n);
  let ok = true;
  for (let r = 0; r < f.n; r++) {
    const v = f.values[r]!;
    if (Number.isInteger(v) && Math.abs(v) <= 2 ** 31 - 1) {
      out[r] = v;
      continue;
    }
    ok = false;
    if (f.reported?.has(r)) continue;
    if (sink.full) sink.skipError();
    else sink.error(D.support, { file: f.file, row: r + 1, ...(f.lines ? { line: f.lines[r]! } : {}), column: f.display ?? f.name }, `label ${v} is not an integer`);
  }
  return ok ? out : undefined;
}
