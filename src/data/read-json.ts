/**
 * JSON reader. Two layouts:
 *   an object of arrays, one entry per row:  {"x": [[0, 1], [1, 1]], "y": [0.5, 1.5]}
 *   an array of row objects:                  [{"x": [0, 1], "y": 0.5}, {"x": [1, 1], "y": 1.5}]
 * A row's value is a number or a nested array (a matrix row is an array of arrays). Every leaf
 * must be a number: strings, booleans and null are errors naming the row and key.
 */
import { D } from './codes.js';
import { elementName, sizeOfShape } from './spec.js';
import type { RawField, ReadContext } from './field.js';

export function readJson(text: string, ctx: ReadContext): RawField[] {
  const { file, sink } = ctx;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    sink.error(D.malformed, { file }, `invalid JSON: ${(e as Error).message}`);
    return [];
  }
  const fromRows = Array.isArray(parsed) ? rowsToColumns(parsed, ctx) : undefined;
  if (Array.isArray(parsed) && fromRows === undefined) return [];
  const table = fromRows?.columns ?? parsed;
  if (table === null || typeof table !== 'object' || Array.isArray(table)) {
    sink.error(D.malformed, { file }, 'expected an object of arrays or an array of row objects',
      'write {"x": [row1, row2, ...], "y": [...]} or [{"x": ..., "y": ...}, ...]');
    return [];
  }
  const entries = Object.entries(table as Record<string, unknown>).filter(
    ([name]) => ctx.variable === undefined || name === ctx.variable,
  );
  if (ctx.variable !== undefined && entries.length === 0) {
    sink.error(D.missing, { file }, `the file has no key '${ctx.variable}'`);
    return [];
  }
  if (entries.length === 0) {
    sink.error(D.empty, { file }, 'the file holds no data');
    return [];
  }
  const fields: RawField[] = [];
  for (const [name, rows] of entries) {
    if (fromRows?.incomplete.has(name)) {
      fields.push({ name, file, n: 0, shape: [], values: new Float64Array(0), broken: true });
    } else if (!Array.isArray(rows)) {
      sink.error(D.malformed, { file, column: name }, `'${name}' is not an array of rows`);
      fields.push({ name, file, n: 0, shape: [], values: new Float64Array(0), broken: true });
    } else if (rows.length === 0) {
      sink.error(D.empty, { file, column: name }, `'${name}' has no rows`);
      fields.push({ name, file, n: 0, shape: [], values: new Float64Array(0), broken: true });
    } else fields.push(flattenRows(name, rows, ctx));
  }
  return fields;
}

/**
 * `[{x, y}, ...]` → `{x: [...], y: [...]}`. A row that is not an object or lacks a key is
 * reported; the keys it affects are `incomplete` (provided, but not validated further).
 */
function rowsToColumns(rows: readonly unknown[], ctx: ReadContext): { columns: Record<string, unknown[]>; incomplete: Set<string> } | undefined {
  const { file, sink } = ctx;
  if (rows.length === 0) {
    sink.error(D.empty, { file }, 'the file is an empty array');
    return undefined;
  }
  const isRow = (row: unknown): row is Record<string, unknown> => row !== null && typeof row === 'object' && !Array.isArray(row);
  const keys = [...new Set(rows.filter(isRow).flatMap((row) => Object.keys(row)))];
  const columns: Record<string, unknown[]> = Object.fromEntries(keys.map((k) => [k, []]));
  const incomplete = new Set<string>();
  rows.forEach((row, r) => {
    if (!isRow(row)) {
      sink.error(D.malformed, { file, row: r + 1 }, 'the row is not an object', 'each row is an object like {"x": [...], "y": 0.5}');
      keys.forEach((k) => incomplete.add(k));
      return;
    }
    for (const key of keys) {
      if (!(key in row)) {
        sink.error(D.missing, { file, row: r + 1, column: key }, `the row has no '${key}'`);
        incomplete.add(key);
      }
      columns[key]!.push(row[key]);
    }
  });
  return { columns, incomplete };
}

/** The nested-array shape of a value: [] for a number, [3] for [1, 2, 3]. */
function shapeOf(value: unknown): number[] {
  const shape: number[] = [];
  let v = value;
  while (Array.isArray(v)) {
    shape.push(v.length);
    v = v[0];
  }
  return shape;
}

function flattenRows(name: string, rows: readonly unknown[], ctx: ReadContext): RawField {
  const { file, sink } = ctx;
  const n = rows.length;
  const shape = shapeOf(rows[0]);
  const rowSize = sizeOfShape(shape);
  const values = new Float64Array(n * rowSize);
  const reported = new Set<number>();
  let broken = false;
  for (let r = 0; r < n; r++) {
    const at = { file, row: r + 1, column: name };
    const rowShape = shapeOf(rows[r]);
    const leaves = rowSize === 0 ? [] : flatLeaves(rows[r], shape);
    if (leaves === undefined || rowShape.join() !== shape.join()) {
      const problem = rowShape.join() === shape.join() ? 'the value is a ragged array' : `the value has shape [${rowShape.join(', ')}]`;
      sink.error(D.rowLength, at, `${problem} but row 1 has shape [${shape.join(', ')}]`,
        'every row of a variable must have the same shape');
      broken = true;
      continue;
    }
    leaves.forEach((leaf, e) => {
      const i = r * rowSize + e;
      if (typeof leaf === 'number') values[i] = leaf;
      else {
        values[i] = NaN;
        reported.add(i);
        sink.error(D.notANumber, { ...at, column: elementName(name, shape, e) }, `${JSON.stringify(leaf)} is not a number`,
          typeof leaf === 'boolean' ? 'write binary values as 0 and 1' : undefined);
      }
    });
  }
  return { name, file, n, shape, values, reported, ...(broken ? { broken } : {}) };
}

/** The leaves of a nested array in C order, or undefined if it is ragged against `shape`. */
function flatLeaves(value: unknown, shape: readonly number[]): unknown[] | undefined {
  if (shape.length === 0) return Array.isArray(value) ? undefined : [value];
  if (!Array.isArray(value) || value.length !== shape[0]) return undefined;
  const out: unknown[] = [];
  for (const item of value) {
    const sub = flatLeaves(item, shape.slice(1));
    if (sub === undefined) return undefined;
    out.push(...sub);
  }
  return out;
}
