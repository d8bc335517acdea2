/**
 * Converting one raw field into a validated column: scale intensities, binarize at a fixed
 * threshold if asked, check every value against the declared support, and store it once into
 * the column's Float32Array (Int32Array for integer kinds).
 */
import type { Binarize } from './binarize.js';
import { D } from './codes.js';
import type { DiagnosticSink } from './diagnostic.js';
import type { RawField } from './field.js';
import { elementName, isIntegerKind, sizeOfShape, type Column, type DataSpec } from './spec.js';
import { formatValue, supportRule } from './support.js';

export function toColumn(field: RawField, spec: DataSpec, binarize: Binarize, sink: DiagnosticSink): Column {
  const integer = isIntegerKind(spec.kind);
  const divisor = !integer && field.intensityDivisor !== undefined ? field.intensityDivisor : 1;
  const binary = spec.kind === 'binary';
  const threshold = binary && typeof binarize === 'object' ? binarize.threshold : undefined;
  const dynamic = binary && binarize === 'dynamic';
  const rule = supportRule(spec, dynamic);
  const rowSize = sizeOfShape(spec.shape);
  const n = field.n;
  const raw = field.values;
  const out = integer ? new Int32Array(n * rowSize) : new Float32Array(n * rowSize);
  const row = rule.checkRow ? new Float64Array(rowSize) : undefined;

  const at = (r: number, e: number, column = elementName(spec.name, spec.shape, e)) => ({
    file: field.file,
    row: r + 1,
    ...(field.lines ? { line: field.lines[r]! } : {}),
    column,
  });
  for (let r = 0; r < n; r++) {
    let rowOk = true;
    const base = r * rowSize;
    for (let e = 0; e < rowSize; e++) {
      const i = base + e;
      let v = divisor === 1 ? raw[i]! : raw[i]! / divisor;
      if (!Number.isFinite(v)) {
        rowOk = false;
        if (field.reported?.has(i)) continue;
        if (sink.full) sink.skipError();
        else sink.error(D.nonFinite, at(r, e), `${formatValue(v)} is not a finite number`, 'models need finite data; remove or impute this row');
        continue;
      }
      if (threshold !== undefined) v = v > threshold ? 1 : 0;
      const overflow = !integer && !Number.isFinite(Math.fround(v));
      const problem = overflow ? `${formatValue(v)} is too large for 32-bit floats` : rule.check(v);
      if (problem !== undefined) {
        rowOk = false;
        // Past the cap only the count matters: skip building the location and message.
        if (sink.full) sink.skipError();
        else sink.error(D.support, at(r, e), problem, overflow ? 'rescale the variable, e.g. standardize it' : rule.hint);
        continue;
      }
      out[i] = v;
      if (row) row[e] = v;
    }
    if (row && rowOk) {
      rule.checkRow!(row, (offset, message, block) => sink.error(D.support, at(r, offset, block), message, rule.hint));
    }
  }
  return { spec, values: out, rowShape: spec.shape, rowSize, dynamicBinarization: dynamic, file: field.file };
}
