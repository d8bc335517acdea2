/**
 * CSV reader. The first line is a header naming each column; a scalar variable is one column
 * (`y`), a vector variable one column per element with 1-based indices (`x[1]`, ..., `x[784]`), a
 * matrix variable `W[i,j]` (row-major, 1-based). Cells are numbers, parsed strictly: an empty
 * cell or `abc` is an error naming its row and column. Cells may be double-quoted.
 */
import { D } from './codes.js';
import { describeSpec, elementName, sizeOfShape } from './spec.js';
import type { RawField, ReadContext } from './field.js';

interface HeaderColumn {
  readonly text: string;
  readonly base: string;
  /** 1-based indices; empty for a plain name. */
  readonly index: readonly number[];
}

const HEADER_NAME = /^([A-Za-z_][A-Za-z0-9_]*)(?:\[\s*(\d+(?:\s*,\s*\d+)*)\s*\])?$/;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NON_FINITE = /^[+-]?(?:nan|inf|infinity)$/i;

/** A cell's number, NaN/±Infinity for spelled-out non-finite values (validation reports those), undefined if not a number. */
export function parseNumberCell(text: string): number | undefined {
  const t = text.trim();
  if (NUMBER.test(t)) return Number(t);
  if (NON_FINITE.test(t)) return /nan/i.test(t) ? NaN : t.startsWith('-') ? -Infinity : Infinity;
  return undefined;
}

/**
 * Split one line into cells; double quotes protect commas and `""` is a literal quote. In the
 * header (`brackets`), commas inside `[...]` do not split either, so `W[1,2]` needs no quotes.
 */
export function splitCsvLine(line: string, brackets = false): string[] {
  if (!line.includes('"') && !(brackets && line.includes('['))) return line.split(',');
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  let depth = 0;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (brackets && (ch === '[' || ch === ']')) {
      depth += ch === '[' ? 1 : -1;
      cell += ch;
    } else if (ch === ',' && depth <= 0) {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

export function readCsv(text: string, ctx: ReadContext): RawField[] {
  const { file, sink } = ctx;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  if (lines.length === 0) {
    sink.error(D.empty, { file }, 'the file is empty', 'a CSV data file needs a header line naming the columns, then one line per data row');
    return [];
  }
  const header = parseHeader(lines[0]!, ctx);
  if (header === undefined) return [];
  const n = lines.length - 1;
  if (n === 0) {
    sink.error(D.empty, { file }, 'the file has a header but no data rows');
    return [];
  }

  // Column-major parse: one Float64Array per file column; bad cells are reported here once.
  const width = header.length;
  const cells = header.map(() => new Float64Array(n));
  const bad = new Set<number>(); // r * width + j
  const lineOf = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const line = r + 2;
    lineOf[r] = line;
    const at = { file, row: r + 1, line };
    const row = splitCsvLine(lines[r + 1]!);
    if (row.length !== width) {
      const blank = lines[r + 1]!.trim() === '';
      sink.error(D.rowLength, at, blank ? 'the line is blank' : `the row has ${row.length} cell${row.length === 1 ? '' : 's'} but the header has ${width} columns`,
        blank ? 'remove blank lines between data rows' : 'every row needs exactly one cell per header column');
      for (let j = 0; j < width; j++) bad.add(r * width + j);
      continue;
    }
    for (let j = 0; j < width; j++) {
      const value = parseNumberCell(row[j]!);
      if (value === undefined) {
        const cell = row[j]!.trim();
        sink.error(D.notANumber, { ...at, column: header[j]!.text },
          cell === '' ? 'the cell is empty' : `'${cell}' is not a number`,
          cell === '' ? 'every cell needs a value; remove or impute incomplete rows' : undefined);
        bad.add(r * width + j);
        cells[j]![r] = NaN;
      } else cells[j]![r] = value;
    }
  }
  return buildFields(header, cells, bad, lineOf, n, ctx);
}

function parseHeader(line: string, ctx: ReadContext): HeaderColumn[] | undefined {
  const { file, sink } = ctx;
  const columns: HeaderColumn[] = [];
  const seen = new Set<string>();
  let ok = true;
  splitCsvLine(line, true).forEach((raw, j) => {
    const text = raw.trim();
    const m = HEADER_NAME.exec(text);
    if (!m) {
      sink.error(D.malformed, { file, line: 1 },
        `header column ${j + 1}, '${text}', is not a variable name`,
        'header cells are `name` for a scalar, `name[i]` (1-based) for a vector element, `name[i,j]` for a matrix element');
      ok = false;
      return;
    }
    const index = m[2] === undefined ? [] : m[2].split(',').map((s) => Number(s.trim()));
    const canonical = index.length > 0 ? `${m[1]}[${index.join(',')}]` : m[1]!;
    if (index.some((i) => i < 1)) {
      sink.error(D.malformed, { file, line: 1, column: text }, 'column indices are 1-based', `the first element of a vector x is x[1]`);
      ok = false;
    }
    if (seen.has(canonical)) {
      sink.error(D.duplicate, { file, line: 1, column: text }, `column '${canonical}' appears twice in the header`);
      ok = false;
    }
    seen.add(canonical);
    columns.push({ text: canonical, base: m[1]!, index });
  });
  return ok ? columns : undefined;
}

/** Group header columns by variable and assemble each declared variable's rows in C order. */
function buildFields(
  header: readonly HeaderColumn[],
  cells: readonly Float64Array[],
  bad: ReadonlySet<number>,
  lines: Int32Array,
  n: number,
  ctx: ReadContext,
): RawField[] {
  const { file, sink, specs } = ctx;
  const groups = new Map<string, number[]>();
  header.forEach((c, j) => {
    const group = groups.get(c.base) ?? [];
    group.push(j);
    groups.set(c.base, group);
  });
  if (ctx.variable !== undefined && !groups.has(ctx.variable)) {
    sink.error(D.missing, { file }, `the file has no column for '${ctx.variable}'`,
      `its columns are ${[...groups.keys()].join(', ')}`);
    return [];
  }
  const fields: RawField[] = [];
  for (const [base, js] of groups) {
    if (ctx.variable !== undefined && base !== ctx.variable) continue;
    const first = header[js[0]!]!;
    const display = js.length === 1 ? first.text : `${first.text}..${header[js[js.length - 1]!]!.text}`;
    const spec = specs.get(base);
    if (spec === undefined) {
      // Undeclared: reported by the loader unless ignored; a scalar keeps its values (it may be the label column).
      const scalar = js.length === 1 && first.index.length === 0;
      fields.push({ name: base, file, n, shape: scalar ? [] : [js.length], values: scalar ? cells[js[0]!]! : new Float64Array(0), lines, display, broken: !scalar });
      continue;
    }
    const layout = placeColumns(header, js, spec.shape, base, ctx);
    if (layout === undefined) {
      fields.push({ name: base, file, n, shape: spec.shape, values: new Float64Array(0), broken: true, display });
      continue;
    }
    const rowSize = sizeOfShape(spec.shape);
    const values = new Float64Array(n * rowSize);
    const reported = new Set<number>();
    const width = header.length;
    js.forEach((j, k) => {
      const e = layout[k]!;
      const column = cells[j]!;
      for (let r = 0; r < n; r++) {
        values[r * rowSize + e] = column[r]!;
        if (bad.has(r * width + j)) reported.add(r * rowSize + e);
      }
    });
    fields.push({ name: base, file, n, shape: spec.shape, values, lines, reported, display });
  }
  return fields;
}

/**
 * The flat element index of each column of a declared variable, or undefined (after reporting)
 * when the columns do not cover the declared shape exactly once.
 */
function placeColumns(
  header: readonly HeaderColumn[],
  js: readonly number[],
  shape: readonly number[],
  base: string,
  ctx: ReadContext,
): number[] | undefined {
  const { file, sink } = ctx;
  const spec = ctx.specs.get(base)!;
  const declared = `${base} : ${describeSpec(spec)}`;
  if (shape.length === 0) {
    const c = header[js[0]!]!;
    if (js.length === 1 && c.index.length === 0) return [0];
    sink.error(D.shape, { file, column: c.text }, `'${base}' is declared as a scalar (${declared}) but the file has ${js.length} indexed column${js.length === 1 ? '' : 's'} for it`,
      `name the column plain '${base}'`);
    return undefined;
  }
  const size = sizeOfShape(shape);
  const layout: number[] = [];
  const covered = new Uint8Array(size);
  let ok = true;
  for (const j of js) {
    const c = header[j]!;
    if (c.index.length !== shape.length || c.index.some((i, k) => i > shape[k]!)) {
      sink.error(D.extra, { file, column: c.text }, `column '${c.text}' does not fit the declared shape (${declared})`,
        `the columns of '${base}' are ${columnRange(base, shape)}`);
      ok = false;
      continue;
    }
    let e = 0;
    for (let k = 0; k < shape.length; k++) e = e * shape[k]! + (c.index[k]! - 1);
    covered[e] = 1;
    layout.push(e);
  }
  const missing: string[] = [];
  let missingCount = 0;
  for (let e = 0; e < size; e++) {
    if (covered[e]) continue;
    if (missing.length < 5) missing.push(elementName(base, shape, e));
    missingCount++;
  }
  if (missingCount > 0) {
    const list = missing.join(', ') + (missingCount > missing.length ? `, ... (${missingCount} of ${size})` : '');
    sink.error(D.missing, { file, column: missing[0] }, `column${missingCount === 1 ? '' : 's'} ${list} of '${base}' ${missingCount === 1 ? 'is' : 'are'} missing (declared ${declared})`,
      `a vector or matrix variable needs one column per element, ${columnRange(base, shape)}`);
    ok = false;
  }
  return ok ? layout : undefined;
}

/** `x[1]..x[5]` or `W[1,1]..W[2,3]`: the header columns a variable of this shape needs. */
function columnRange(base: string, shape: readonly number[]): string {
  return `${base}[${shape.map(() => 1).join(',')}]..${base}[${shape.join(',')}]`;
}
