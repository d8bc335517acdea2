import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { formatOf, loadData, loadWithHeldOut, parseDataArgument, parseHeldOut } from '../../src/data/index.js';
import { FIXTURES, rendered, spec, tempFile } from './helpers.js';

const blrSpecs = [spec('x', 'real', [2]), spec('y', 'real')];

describe('source arguments and formats', () => {
  it('parses x=path mappings and bare paths', () => {
    expect(parseDataArgument('x=data/images.idx.gz')).toEqual({ variable: 'x', path: 'data/images.idx.gz' });
    expect(parseDataArgument('data/all.csv')).toEqual({ path: 'data/all.csv' });
    expect(parseDataArgument('C:=odd/x.csv')).toEqual({ path: 'C:=odd/x.csv' });
  });

  it('picks the format from the name, ignoring .gz', () => {
    expect(['a.csv', 'a.CSV.gz', 'a.json', 'a.npy.gz', 'a.idx', 'train-images-idx3-ubyte.gz', 'a.txt'].map(formatOf)).toEqual(
      ['csv', 'csv', 'json', 'npy', 'idx', 'idx', undefined],
    );
  });

  it('reads gzipped text, and reports a corrupt gzip stream', () => {
    const path = tempFile('blr.csv.gz', gzipSync('x[1],x[2],y\n1,2,3\n'));
    expect(loadData(path, blrSpecs).dataset!.columns.y!.values).toEqual(Float32Array.from([3]));
    const bad = tempFile('bad.csv.gz', Uint8Array.from([0x1f, 0x8b, 8, 0, 1, 2, 3]));
    expect(rendered(loadData(bad, blrSpecs).diagnostics, bad)[0]).toMatch(/^error\[D0001\]: FILE: cannot read: /);
  });

  it('rejects a directory mapped to one variable, and a directory without .npy files', () => {
    const dir = dirname(tempFile('notes.txt', 'hello'));
    expect(rendered(loadData({ variable: 'x', path: dir }, blrSpecs).diagnostics, dir)[0]).toBe(
      "error[D0001]: FILE: a directory cannot be mapped to one variable ('x')\n" +
        '  = hint: map a single file (x=path/x.npy), or give the directory alone: each NAME.npy inside is variable NAME',
    );
    expect(rendered(loadData(dir, blrSpecs).diagnostics, dir)[0]).toBe('error[D0002]: FILE: the directory has no .npy files');
  });

  it('D0012: a variable provided by two files', () => {
    const a = tempFile('a.csv', 'y\n1\n');
    const b = tempFile('b.csv', 'y\n2\n');
    expect(rendered(loadData([a, b], [spec('y', 'real')]).diagnostics).map((l) => l.replace(a, 'A').replace(b, 'B'))).toEqual([
      "error[D0012]: B, column 'y': 'y' is also provided by A\n  = hint: give each data variable exactly one source",
    ]);
  });

  it('D0007: an unmapped single-array file whose name is not a variable', () => {
    const images = join(FIXTURES, 'npy', 'f8-le.npy');
    expect(rendered(loadData(images, blrSpecs).diagnostics, images).slice(0, 1)).toEqual([
      "error[D0007]: FILE: the file is not mapped to a variable, and 'f8-le' is not a declared variable\n  = hint: map it to one: x=FILE or y=FILE",
    ]);
  });

  it('takes labels from a CSV file with a label column', () => {
    const data = tempFile('d.csv', 'y\n1\n2\n');
    const labels = tempFile('l.csv', 'label\n4\n5\n');
    expect(loadData(data, [spec('y', 'real')], { labels }).dataset!.labels).toEqual(Int32Array.from([4, 5]));
    const fractional = tempFile('f.csv', 'label\n4\n5.5\n');
    expect(rendered(loadData(data, [spec('y', 'real')], { labels: fractional }).diagnostics, fractional)).toEqual([
      "error[D0003]: FILE, row 2 (line 3), column 'label': label 5.5 is not an integer",
    ]);
  });
});

describe('held-out data', () => {
  it('loads a second file against the same declarations and reports its problems too', () => {
    const train = join(FIXTURES, 'blr-small.csv');
    const ok = loadWithHeldOut(train, blrSpecs, { sources: tempFile('h.csv', 'y,x[1],x[2]\n1,2,3\n') });
    expect(ok.train!.n).toBe(3);
    expect(ok.heldOut!.columns.x!.values).toEqual(Float32Array.from([2, 3]));
    const badFile = tempFile('h.csv', 'y,x[1]\n1,2\n');
    const bad = loadWithHeldOut(train, blrSpecs, { sources: badFile });
    expect(bad.train).toBeUndefined();
    expect(rendered(bad.diagnostics, badFile)[0]!.split('\n')[0]).toBe("error[D0006]: FILE, column 'x[2]': column x[2] of 'x' is missing (declared x : real[2])");
  });

  it('attaches each set its own labels file', () => {
    const mnist = (name: string) => join(FIXTURES, '..', '..', '..', 'models', 'data', `mnist-${name}.idx.gz`);
    const r = loadWithHeldOut({ variable: 'x', path: mnist('train-3k-images') }, [spec('x', 'unit', [784])],
      { sources: { variable: 'x', path: mnist('test-1k-images') }, labels: mnist('test-1k-labels') },
      { labels: mnist('train-3k-labels') });
    expect(r.diagnostics).toEqual([]);
    expect(Array.from(r.train!.labels!.subarray(0, 3))).toEqual([5, 0, 4]);
    expect(Array.from(r.heldOut!.labels!.subarray(0, 3))).toEqual([7, 2, 1]);
  });

  it('parses the command-line form: a fraction or a source', () => {
    expect(parseHeldOut('0.1', 7)).toEqual({ fraction: 0.1, seed: 7 });
    expect(parseHeldOut('x=test.idx.gz', 7)).toEqual({ sources: { variable: 'x', path: 'test.idx.gz' } });
    expect(parseHeldOut('held.csv', 7)).toEqual({ sources: { path: 'held.csv' } });
    expect(() => parseHeldOut('1.5', 7)).toThrow('held-out fraction must be in (0, 1), got 1.5');
  });

  it('splits off a seeded fraction', () => {
    const path = tempFile('many.csv', 'y\n' + Array.from({ length: 40 }, (_, i) => i).join('\n') + '\n');
    const a = loadWithHeldOut(path, [spec('y', 'real')], { fraction: 0.25, seed: 3 });
    const b = loadWithHeldOut(path, [spec('y', 'real')], { fraction: 0.25, seed: 3 });
    expect(a.heldOut!.n).toBe(10);
    expect(a.train!.n).toBe(30);
    expect(a.heldOut!.columns.y!.values).toEqual(b.heldOut!.columns.y!.values);
  });
});
