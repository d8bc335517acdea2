/** Run files: packed float32 arrays and non-finite numbers survive a JSON round trip exactly; writes are atomic. */
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readJson, traceCsv, writeJson } from '../../src/cli/run-files.js';
import { Rng } from '../../src/runtime/rng.js';
import { tempDir } from './helpers.js';

const dir = tempDir('files');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('run files', () => {
  it('float32 arrays are packed, and read back bit for bit', () => {
    const rng = new Rng(3);
    const values = Array.from({ length: 1000 }, () => Math.fround(rng.nextDouble() * 200 - 100));
    values[7] = Math.fround(1e-40); // subnormal
    values[8] = -0;
    const doubles = Array.from({ length: 100 }, (_, i) => i / 3); // not float32: kept as decimal text
    const path = join(dir, 'state.json');
    writeJson(path, { params: { w: { shape: [10, 100], values } }, trace: doubles, short: [0.1, 0.2] }, true);
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('"$f32"');
    expect(text.length).toBeLessThan(values.length * 6 + 3000);
    const back = readJson<{ params: { w: { values: number[] } }; trace: number[]; short: number[] }>(path, 'state');
    expect(back.params.w.values).toHaveLength(1000);
    back.params.w.values.forEach((v, i) => expect(Object.is(v, values[i])).toBe(true));
    expect(back.trace).toEqual(doubles);
    expect(back.short).toEqual([0.1, 0.2]);
  });

  it('NaN and infinities survive', () => {
    const path = join(dir, 'nonfinite.json');
    writeJson(path, { a: NaN, b: Infinity, c: -Infinity, d: [1, NaN] });
    expect(readJson(path, 'x')).toEqual({ a: NaN, b: Infinity, c: -Infinity, d: [1, NaN] });
  });

  it('writes leave no temporary file, and replace the old file whole', () => {
    const path = join(dir, 'atomic', 'config.json');
    writeJson(path, { n: 1 });
    writeJson(path, { n: 2 });
    expect(readJson(path, 'x')).toEqual({ n: 2 });
    expect(readdirSync(join(dir, 'atomic'))).toEqual(['config.json']);
  });

  it('missing and corrupt files are user errors naming the file', () => {
    expect(() => readJson(join(dir, 'none.json'), 'checkpoint')).toThrow(/cannot read checkpoint .*none\.json: no such file/);
    const bad = join(dir, 'bad.json');
    writeJson(bad, 1);
    writeFileSync(bad, '{');
    expect(() => readJson(bad, 'checkpoint')).toThrow(/bad\.json is not valid JSON/);
    expect(existsSync(bad)).toBe(true);
  });

  it('trace.csv has a header and one line per step', () => {
    expect(traceCsv(Float64Array.of(-3.5, NaN, -2))).toBe('step,objective\n1,-3.5\n2,NaN\n3,-2\n');
  });
});
