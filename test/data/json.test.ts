import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadData } from '../../src/data/index.js';
import { FIXTURES, rendered, spec, tempFile } from './helpers.js';

const specs = [spec('x', 'real', [2]), spec('y', 'real')];

describe('JSON reading', () => {
  it('reads an array of row objects', () => {
    const r = loadData(join(FIXTURES, 'rows.json'), [...specs, spec('c', 'binary')]);
    expect(r.diagnostics).toEqual([]);
    expect(r.dataset!.columns.x!.values).toEqual(Float32Array.from([0.5, -1, 0.001, 2]));
    expect(r.dataset!.columns.y!.values).toEqual(Float32Array.from([2.25, -0.5]));
    expect(r.dataset!.columns.c!.values).toEqual(Float32Array.from([1, 0]));
  });

  it('reads an object of arrays, with matrix rows as nested arrays', () => {
    const r = loadData(join(FIXTURES, 'columns.json'), [...specs, spec('W', 'real', [2, 2])]);
    expect(r.diagnostics).toEqual([]);
    expect(r.dataset!.columns.W!.values).toEqual(Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]));
  });

  it('round-trips a dataset written as JSON', () => {
    const rows = Array.from({ length: 50 }, (_, i) => ({ x: [i / 7, 3 - i], y: i % 3 }));
    const path = tempFile('round.json', JSON.stringify(rows));
    const r = loadData(path, [spec('x', 'real', [2]), spec('y', 'category', [], [3])]);
    expect(r.dataset!.columns.x!.values).toEqual(Float32Array.from(rows.flatMap((row) => row.x)));
    expect(r.dataset!.columns.y!.values).toEqual(Int32Array.from(rows.map((row) => row.y)));
  });

  it('takes one key when the file is mapped to a variable', () => {
    const r = loadData({ variable: 'y', path: join(FIXTURES, 'columns.json') }, [spec('y', 'real')]);
    expect(r.diagnostics).toEqual([]);
    expect(r.dataset!.n).toBe(2);
  });
});

function errorsOf(json: string, s = specs): string[] {
  const path = tempFile('data.json', json);
  const r = loadData(path, s);
  expect(r.dataset).toBeUndefined();
  return rendered(r.diagnostics, path);
}

describe('JSON errors', () => {
  it('D0004: strings, null and booleans where numbers are expected', () => {
    expect(errorsOf('{"x": [[1, "2"], [null, 3]], "y": [true, 1]}')).toEqual([
      "error[D0004]: FILE, row 1, column 'x[2]': \"2\" is not a number",
      "error[D0004]: FILE, row 2, column 'x[1]': null is not a number",
      "error[D0004]: FILE, row 1, column 'y': true is not a number\n  = hint: write binary values as 0 and 1",
    ]);
  });

  it('D0008: a row shaped differently from the first', () => {
    expect(errorsOf('{"x": [[1, 2], [3], [4, [5]]], "y": [1, 2, 3]}')).toEqual([
      "error[D0008]: FILE, row 2, column 'x': the value has shape [1] but row 1 has shape [2]\n  = hint: every row of a variable must have the same shape",
      "error[D0008]: FILE, row 3, column 'x': the value is a ragged array but row 1 has shape [2]\n  = hint: every row of a variable must have the same shape",
    ]);
  });

  it('D0006: a row object without a key; D0010: arrays of different lengths', () => {
    expect(errorsOf('[{"x": [1, 2], "y": 1}, {"x": [3, 4]}]')).toEqual(["error[D0006]: FILE, row 2, column 'y': the row has no 'y'"]);
    expect(errorsOf('{"x": [[1, 2], [3, 4]], "y": [1]}')).toEqual([
      "error[D0010]: FILE, column 'y': 'y' has 1 row but 'x' (FILE) has 2\n  = hint: every data variable needs one value per data row",
    ]);
  });

  it('D0011 and D0002: invalid JSON, wrong layout, empty data', () => {
    expect(errorsOf('{"x": [1, 2')[0]).toMatch(/^error\[D0011\]: FILE: invalid JSON: /);
    expect(errorsOf('42')[0]).toBe(
      'error[D0011]: FILE: expected an object of arrays or an array of row objects\n  = hint: write {"x": [row1, row2, ...], "y": [...]} or [{"x": ..., "y": ...}, ...]',
    );
    expect(errorsOf('[]')[0]).toBe('error[D0002]: FILE: the file is an empty array');
    expect(errorsOf('{"x": [], "y": [1]}')[0]).toBe("error[D0002]: FILE, column 'x': 'x' has no rows");
  });
});
