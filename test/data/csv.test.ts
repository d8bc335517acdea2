import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadData, renderDataDiagnostics } from '../../src/data/index.js';
import { FIXTURES, rendered, spec, tempFile } from './helpers.js';

const f32 = (xs: number[]) => Float32Array.from(xs);

describe('CSV reading', () => {
  it('reads vector columns x[1]..x[D] and scalars by header name', () => {
    const r = loadData(join(FIXTURES, 'blr-small.csv'), [spec('x', 'real', [2]), spec('y', 'real')]);
    expect(r.diagnostics).toEqual([]);
    const ds = r.dataset!;
    expect(ds.n).toBe(3);
    expect(ds.columns.x!.rowShape).toEqual([2]);
    expect(ds.columns.x!.values).toEqual(f32([0.5, -1, 1e-3, 2, -3, 4.5]));
    expect(ds.columns.y!.values).toEqual(f32([2.25, -0.5, 0.75]));
  });

  it('accepts any column order, quoted header cells, CRLF line ends and a trailing blank line', () => {
    const r = loadData(join(FIXTURES, 'reordered-crlf.csv'), [spec('x', 'real', [2]), spec('y', 'count')]);
    expect(r.diagnostics).toEqual([]);
    expect(r.dataset!.columns.x!.values).toEqual(f32([3, 2, 6, 5]));
    expect(r.dataset!.columns.y!.values).toEqual(Int32Array.from([1, 4]));
  });

  it('reads matrix columns W[i,j] row-major and stores integer kinds as Int32Array', () => {
    const r = loadData(join(FIXTURES, 'matrix.csv'), [spec('W', 'real', [2, 3]), spec('c', 'category', [], [3])]);
    expect(r.diagnostics).toEqual([]);
    expect(r.dataset!.columns.W!.values).toEqual(f32([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]));
    expect(r.dataset!.columns.c!.values).toEqual(Int32Array.from([0, 2]));
  });

  it('takes an undeclared `label` column as labels, and drops ignored columns', () => {
    const path = tempFile('d.csv', 'x,label,note\n1.5,3,7\n2.5,1,8\n');
    const r = loadData(path, [spec('x', 'real')], { ignore: ['note'] });
    expect(r.diagnostics).toEqual([]);
    expect(r.dataset!.labels).toEqual(Int32Array.from([3, 1]));
    const strict = loadData(path, [spec('x', 'real')], { labelColumn: null, ignore: ['note'] });
    expect(rendered(strict.diagnostics, path)).toEqual([
      "error[D0007]: FILE, column 'label': 'label' is not declared in the model\n" +
        "  = hint: declare it (data label : ...), remove it from the file, or ignore it (ignore: ['label'], --ignore label)",
    ]);
  });
});

/** Load `text` as a CSV with `specs` and return the rendered diagnostics with the path as FILE. */
function errorsOf(text: string, specs: Parameters<typeof loadData>[1], options = {}): string[] {
  const path = tempFile('data.csv', text);
  const r = loadData(path, specs, options);
  expect(r.dataset).toBeUndefined();
  return rendered(r.diagnostics, path);
}

describe('CSV errors name the file, row, line and column', () => {
  it('D0004: unparsable and empty cells', () => {
    expect(errorsOf('x[1],x[2]\n1,2\n3,abc\n,4\n', [spec('x', 'real', [2])])).toEqual([
      "error[D0004]: FILE, row 2 (line 3), column 'x[2]': 'abc' is not a number",
      "error[D0004]: FILE, row 3 (line 4), column 'x[1]': the cell is empty\n  = hint: every cell needs a value; remove or impute incomplete rows",
    ]);
  });

  it('D0005: non-finite values', () => {
    expect(errorsOf('y\n1\nNaN\n-inf\n', [spec('y', 'real')])).toEqual([
      "error[D0005]: FILE, row 2 (line 3), column 'y': NaN is not a finite number\n  = hint: models need finite data; remove or impute this row",
      "error[D0005]: FILE, row 3 (line 4), column 'y': -Infinity is not a finite number\n  = hint: models need finite data; remove or impute this row",
    ]);
  });

  it('D0003: a 0.5 for a binary variable', () => {
    const lines = errorsOf('y\n1\n0\n1\n1\n1\n1\n1\n1\n1\n1\n1\n1\n1\n1\n1\n1\n0.5\n', [spec('y', 'binary')]);
    expect(lines).toEqual([
      "error[D0003]: FILE, row 17 (line 18), column 'y': 0.5 is not a valid binary value (expected 0 or 1)\n" +
        '  = hint: binary data must be 0 or 1; to binarize intensities in [0, 1] load with binarize {threshold: 0.5} (--binarize 0.5) or dynamic (--binarize dynamic)',
    ]);
  });

  it('D0003: negative and fractional counts, categories out of range, non-positive positives', () => {
    const lines = errorsOf('n,c,s\n-1,0,1\n2.5,3,0\n', [spec('n', 'count'), spec('c', 'category', [], [3]), spec('s', 'positive')]);
    expect(lines.map((l) => l.split('\n')[0])).toEqual([
      "error[D0003]: FILE, row 1 (line 2), column 'n': -1 is not a valid count (expected a non-negative integer)",
      "error[D0003]: FILE, row 2 (line 3), column 'n': 2.5 is not a valid count (expected a non-negative integer)",
      "error[D0003]: FILE, row 2 (line 3), column 'c': 3 is not a valid category (expected an integer in 0..2)",
      "error[D0003]: FILE, row 2 (line 3), column 's': 0 is not positive (expected a value > 0)",
    ]);
  });

  it('D0006: a missing variable, with the undeclared columns suggested', () => {
    expect(errorsOf('x,yy\n1,2\n', [spec('x', 'real'), spec('y', 'real')])).toEqual([
      "error[D0007]: FILE, column 'yy': 'yy' is not declared in the model\n  = hint: declare it (data yy : ...), remove it from the file, or ignore it (ignore: ['yy'], --ignore yy)",
      "error[D0006]: FILE: no data for 'y' (declared real)\n  = hint: the data have undeclared 'yy': rename one to 'y', or map a file with y=PATH",
    ]);
  });

  it('D0006: missing elements of a vector variable', () => {
    expect(errorsOf('x[1],x[3]\n1,2\n', [spec('x', 'real', [4])])).toEqual([
      "error[D0006]: FILE, column 'x[2]': columns x[2], x[4] of 'x' are missing (declared x : real[4])\n" +
        '  = hint: a vector or matrix variable needs one column per element, x[1]..x[4]',
    ]);
  });

  it('D0007: extra vector columns, and columns outside the declared shape', () => {
    expect(errorsOf('x[1],x[2],x[3],z[1],z[2]\n1,2,3,4,5\n', [spec('x', 'real', [2])])).toEqual([
      "error[D0007]: FILE, column 'x[3]': column 'x[3]' does not fit the declared shape (x : real[2])\n  = hint: the columns of 'x' are x[1]..x[2]",
      "error[D0007]: FILE, column 'z[1]..z[2]': columns z[1]..z[2] are not declared in the model\n  = hint: declare it (data z : ...), remove it from the file, or ignore it (ignore: ['z'], --ignore z)",
    ]);
  });

  it('D0008: rows of the wrong length and blank lines', () => {
    expect(errorsOf('x,y\n1,2\n3\n\n4,5\n', [spec('x', 'real'), spec('y', 'real')])).toEqual([
      'error[D0008]: FILE, row 2 (line 3): the row has 1 cell but the header has 2 columns\n  = hint: every row needs exactly one cell per header column',
      'error[D0008]: FILE, row 3 (line 4): the line is blank\n  = hint: remove blank lines between data rows',
    ]);
  });

  it('D0009: a scalar declaration given indexed columns', () => {
    expect(errorsOf('y[1],y[2]\n1,2\n', [spec('y', 'real')])).toEqual([
      "error[D0009]: FILE, column 'y[1]': 'y' is declared as a scalar (y : real) but the file has 2 indexed columns for it\n  = hint: name the column plain 'y'",
    ]);
  });

  it('D0002: an empty file and a header without rows', () => {
    expect(errorsOf('', [spec('y', 'real')])[0]).toBe(
      'error[D0002]: FILE: the file is empty\n  = hint: a CSV data file needs a header line naming the columns, then one line per data row',
    );
    expect(errorsOf('y\n', [spec('y', 'real')])[0]).toBe('error[D0002]: FILE: the file has a header but no data rows');
  });

  it('D0011 and D0012: malformed and duplicate header cells', () => {
    expect(errorsOf('x[a],y,y\n1,2,3\n', [spec('y', 'real')]).slice(0, 2)).toEqual([
      "error[D0011]: FILE, line 1: header column 1, 'x[a]', is not a variable name\n  = hint: header cells are `name` for a scalar, `name[i]` (1-based) for a vector element, `name[i,j]` for a matrix element",
      "error[D0012]: FILE, line 1, column 'y': column 'y' appears twice in the header",
    ]);
    expect(errorsOf('x[0]\n1\n', [spec('x', 'real', [1])])[0]).toBe(
      "error[D0011]: FILE, line 1, column 'x[0]': column indices are 1-based\n  = hint: the first element of a vector x is x[1]",
    );
  });

  it('D0010: different row counts across files', () => {
    const xs = tempFile('x.csv', 'x\n1\n2\n3\n');
    const ys = tempFile('y.csv', 'y\n1\n2\n');
    const r = loadData([xs, ys], [spec('x', 'real'), spec('y', 'real')]);
    expect(rendered(r.diagnostics).map((l) => l.replace(xs, 'X').replace(ys, 'Y'))).toEqual([
      "error[D0010]: Y, column 'y': 'y' has 2 rows but 'x' (X) has 3\n  = hint: every data variable needs one value per data row",
    ]);
  });

  it('D0001: a missing file and an unknown format', () => {
    const r = loadData('/nonexistent/data.csv', [spec('y', 'real')]);
    expect(rendered(r.diagnostics)[0]).toBe('error[D0001]: /nonexistent/data.csv: no such file or directory');
    const odd = tempFile('data.xlsx', 'y\n1\n');
    expect(rendered(loadData(odd, [spec('y', 'real')]).diagnostics, odd)[0]).toBe(
      'error[D0001]: FILE: unknown data format\n  = hint: data files are .csv, .json, .npy, .npz, .idx or *-ubyte (each optionally .gz), or a directory of .npy files',
    );
  });

  it('reports every problem up to the cap and counts the rest', () => {
    const text = 'y\n' + Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? '-1' : '2')).join('\n') + '\n';
    const path = tempFile('many.csv', text);
    const r = loadData(path, [spec('y', 'positive')], { maxErrors: 4 });
    expect(r.diagnostics).toHaveLength(4);
    expect(r.omitted).toBe(11);
    expect(r.diagnostics.map((d) => d.row)).toEqual([1, 3, 5, 7]);
    expect(renderDataDiagnostics(r.diagnostics, r.omitted).split('\n').at(-1)).toBe('... and 11 more data problems not shown');
  });
});
