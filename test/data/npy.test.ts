import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeNpy, loadData, parseNpyHeader } from '../../src/data/index.js';
import { FIXTURES, rendered, spec, tempFile } from './helpers.js';

const DIR = join(FIXTURES, 'npy');
/** Shapes and C-order values written by NumPy alongside the fixtures (make-npy.py). */
const expected: Record<string, { shape: number[]; values: number[] }> = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8'));

describe('.npy decoding against NumPy-written files', () => {
  it.each(Object.keys(expected))('%s', (name) => {
    const decoded = decodeNpy(readFileSync(join(DIR, `${name}.npy`)));
    if (typeof decoded === 'string') throw new Error(decoded);
    expect(decoded.shape).toEqual(expected[name]!.shape);
    expect(Array.from(decoded.values)).toEqual(expected[name]!.values);
  });

  it('reads the header fields, including Fortran order and the v3 header', () => {
    const h = parseNpyHeader(readFileSync(join(DIR, 'f8-fortran-3d.npy')));
    expect(h).toMatchObject({ descr: '<f8', fortranOrder: true, shape: [2, 3, 4] });
    expect(parseNpyHeader(readFileSync(join(DIR, 'f8-v3.npy')))).toMatchObject({ descr: '<f8', fortranOrder: false, shape: [3, 4] });
  });
});

describe('.npy files as data sources', () => {
  it('maps a file to a variable, and a flat declaration matches a row shape of the same size', () => {
    const r = loadData([{ variable: 'W', path: join(DIR, 'f8-fortran-3d.npy') }], [spec('W', 'real', [12])]);
    expect(r.diagnostics).toEqual([]);
    expect(r.dataset!.n).toBe(2);
    expect(r.dataset!.columns.W!.rowShape).toEqual([12]);
    expect(Array.from(r.dataset!.columns.W!.values)).toEqual(expected['f8-fortran-3d']!.values);
  });

  it('names an unmapped file by its stem, or gives it to the only declared variable', () => {
    const y = tempFile('y.npy', readFileSync(join(DIR, 'rows-1d.npy')));
    const byStem = loadData(y, [spec('y', 'real'), spec('x', 'real')]);
    expect(byStem.diagnostics.map((d) => d.message)).toEqual(["no data for 'x' (declared real)"]);
    const only = loadData(join(DIR, 'rows-1d.npy'), [spec('v', 'real')]);
    expect(Array.from(only.dataset!.columns.v!.values)).toEqual(expected['rows-1d']!.values);
  });

  it('loads a directory of NAME.npy files', () => {
    const dir = join(tempFile('x.npy', readFileSync(join(DIR, 'i2-le.npy'))), '..');
    const r = loadData(dir, [spec('x', 'int', [4])]);
    expect(r.diagnostics).toEqual([]);
    expect(Array.from(r.dataset!.columns.x!.values)).toEqual(expected['i2-le']!.values);
    expect(r.dataset!.columns.x!.values).toBeInstanceOf(Int32Array);
  });

  it('validates bool arrays against binary and rejects a uint8 grey level', () => {
    const ok = loadData({ variable: 'b', path: join(DIR, 'bool.npy') }, [spec('b', 'binary', [4])]);
    expect(Array.from(ok.dataset!.columns.b!.values)).toEqual(expected.bool!.values);
    const bad = loadData({ variable: 'b', path: join(DIR, 'u1.npy') }, [spec('b', 'binary', [4])]);
    expect(rendered(bad.diagnostics)[0]!.split('\n')[0]).toBe(
      `error[D0003]: ${join(DIR, 'u1.npy')}, row 1, column 'b[2]': 20 is not a valid binary value (expected 0 or 1)`,
    );
    expect(bad.diagnostics).toHaveLength(11);
  });

  it('reports bad files', () => {
    const cases: [string, string][] = [
      ['scalar-0d', 'D0009]: FILE: the array is 0-dimensional; a data array needs a leading row axis\n  = hint: save an array of shape (N,) or (N, ...)'],
      ['empty-rows', 'D0002]: FILE: the array has 0 rows (shape (0, 4))'],
      ['complex', "D0011]: FILE: unsupported dtype '<c8' (supported: float32/64, int8..64, uint8..64, bool)"],
    ];
    for (const [name, message] of cases) {
      const path = join(DIR, `${name}.npy`);
      expect(rendered(loadData({ variable: 'x', path }, [spec('x', 'real', [4])]).diagnostics, path)[0]).toBe(`error[${message}`);
    }
    const bytes = readFileSync(join(DIR, 'f8-le.npy'));
    const truncated = tempFile('t.npy', bytes.subarray(0, bytes.length - 8));
    expect(rendered(loadData({ variable: 'x', path: truncated }, [spec('x', 'real', [4])]).diagnostics, truncated)[0]).toBe(
      `error[D0011]: FILE: truncated data: shape (3, 4) needs ${bytes.length} bytes, the file has ${bytes.length - 8}`,
    );
    const junk = tempFile('j.npy', 'not numpy at all');
    expect(rendered(loadData({ variable: 'x', path: junk }, [spec('x', 'real', [4])]).diagnostics, junk)[0]).toBe(
      'error[D0011]: FILE: not a .npy file (bad magic string)',
    );
  });

  it('reports a shape that does not match the declaration', () => {
    const path = join(DIR, 'f4-le.npy');
    expect(rendered(loadData({ variable: 'x', path }, [spec('x', 'real', [3])]).diagnostics, path)).toEqual([
      "error[D0009]: FILE, column 'x': rows of 'x' have shape [4] (4 values) but it is declared real[3]\n" +
        '  = hint: the file must hold one value of the declared shape per row (a flat declaration also matches a file shape of the same size)',
    ]);
  });
});

describe('.npz archives', () => {
  it.each(['pair.npz', 'pair-compressed.npz'])('%s: every member is a variable; a mapping picks one', (name) => {
    const path = join(DIR, name);
    const r = loadData(path, [spec('x', 'real', [4]), spec('y', 'int')]);
    expect(r.diagnostics).toEqual([]);
    expect(Array.from(r.dataset!.columns.x!.values)).toEqual(expected['f4-le']!.values);
    expect(Array.from(r.dataset!.columns.y!.values)).toEqual([-5, -1, 3]);
    const one = loadData({ variable: 'y', path }, [spec('y', 'int')]);
    expect(one.dataset!.columns.y!.values).toEqual(Int32Array.from([-5, -1, 3]));
  });

  it('names the member in messages, and reports a missing member and a non-zip file', () => {
    const path = join(DIR, 'pair.npz');
    expect(rendered(loadData(path, [spec('x', 'real', [3]), spec('y', 'int')]).diagnostics, path)[0]!.split('\n')[0]).toBe(
      "error[D0009]: FILE:x.npy, column 'x': rows of 'x' have shape [4] (4 values) but it is declared real[3]",
    );
    expect(rendered(loadData({ variable: 'z', path }, [spec('z', 'real')]).diagnostics, path)[0]).toBe(
      "error[D0006]: FILE: the archive has no member 'z.npy'\n  = hint: its arrays are x, y",
    );
    const junk = tempFile('junk.npz', 'PK not really a zip');
    expect(rendered(loadData(junk, [spec('x', 'real')]).diagnostics, junk)[0]).toBe('error[D0011]: FILE: not a zip archive (no end of central directory)');
  });
});
