/** The data flags: validation, --rows, held-out fractions and files, one-off binarization of held-out data. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { binarizeOnce, loadDatasets, readDataArgs } from '../../src/cli/load-data.js';
import { memoryIo } from '../../src/cli/index.js';
import { compileSource } from '../../src/lang/compile.js';

const graphOf = (path: string) => compileSource({ path, text: readFileSync(path, 'utf8') }).graph!;
const vae = graphOf('models/vae.vmodel');
const blr = graphOf('models/blr.vmodel');
const MNIST = 'x=models/data/mnist-test-1k-images.idx.gz';

describe('readDataArgs', () => {
  it('needs --data and checks the values', () => {
    expect(() => readDataArgs({}, 'fit')).toThrow("'vmodel fit' needs --data PATH (or VAR=PATH)");
    expect(() => readDataArgs({ data: ['a.csv'], binarize: 'half' }, 'fit')).toThrow("--binarize expects none, dynamic or a threshold in [0, 1), got 'half'");
    expect(() => readDataArgs({ data: ['a.csv'], 'test-labels': 'l.idx' }, 'fit')).toThrow('--test-labels needs --test PATH');
    expect(() => readDataArgs({ data: ['a.csv'], rows: '0' }, 'fit')).toThrow("--rows expects an integer ≥ 1, got '0'");
    expect(readDataArgs({ data: ['x=a.idx', 'b.csv'], binarize: '0.5', rows: '10' }, 'fit')).toEqual({
      sources: [{ variable: 'x', path: 'a.idx' }, { path: 'b.csv' }], binarize: { threshold: 0.5 }, ignore: [], rows: 10,
    });
  });
});

describe('loadDatasets', () => {
  it('--rows keeps the first rows; a fraction holds out round(f·n) of them, the same ones for the same seed', () => {
    const args = readDataArgs({ data: ['models/data/blr.csv'], rows: '40', test: '0.25' }, 'fit');
    const a = loadDatasets(blr, args, 7, memoryIo(), 'fit');
    const b = loadDatasets(blr, args, 7, memoryIo(), 'fit');
    const c = loadDatasets(blr, args, 8, memoryIo(), 'fit');
    expect(a.train.n).toBe(30);
    expect(a.test!.n).toBe(10);
    expect(Array.from(a.test!.columns.y!.values)).toEqual(Array.from(b.test!.columns.y!.values));
    expect(Array.from(a.test!.columns.y!.values)).not.toEqual(Array.from(c.test!.columns.y!.values));
    // Train and held-out rows partition the first 40 rows.
    const all = loadDatasets(blr, readDataArgs({ data: ['models/data/blr.csv'], rows: '40' }, 'fit'), 7, memoryIo(), 'fit').train;
    const ys = [...a.train.columns.y!.values, ...a.test!.columns.y!.values].sort();
    expect(ys).toEqual([...all.columns.y!.values].sort());
  });

  it('a fraction that leaves one side empty is a usage error', () => {
    const args = readDataArgs({ data: ['models/data/eight_schools.csv'], test: '0.01' }, 'fit');
    expect(() => loadDatasets(graphOf('models/eight_schools.vmodel'), args, 0, memoryIo(), 'fit')).toThrow('leaves no rows on one side of the split of 8 rows');
  });

  it('held-out data is binarized once; training data keeps its intensities for dynamic binarization', () => {
    const args = readDataArgs({ data: [MNIST], rows: '50', binarize: 'dynamic', test: MNIST }, 'fit');
    const { train, test } = loadDatasets(vae, args, 3, memoryIo(), 'fit');
    expect(train.columns.x!.dynamicBinarization).toBe(true);
    expect(test!.columns.x!.dynamicBinarization).toBe(false);
    expect(new Set(test!.columns.x!.values)).toEqual(new Set([0, 1]));
    expect(train.columns.x!.values.some((v) => v > 0 && v < 1)).toBe(true);
  });
});

describe('binarizeOnce', () => {
  it('draws x ~ Bernoulli(intensity) from the seed: 0/1 values, reproducible, mean matching the intensities', () => {
    const args = readDataArgs({ data: [MNIST], rows: '200', binarize: 'dynamic' }, 'fit');
    const { train } = loadDatasets(vae, args, 0, memoryIo(), 'fit');
    const once = binarizeOnce(train, 5);
    const again = binarizeOnce(train, 5);
    const values = once.columns.x!.values;
    expect(Array.from(values)).toEqual(Array.from(again.columns.x!.values));
    expect(values.every((v) => v === 0 || v === 1)).toBe(true);
    const intensities = train.columns.x!.values;
    let expected = 0;
    let variance = 0;
    let got = 0;
    for (let i = 0; i < values.length; i++) {
      expected += intensities[i]!;
      variance += intensities[i]! * (1 - intensities[i]!);
      got += values[i]!;
    }
    // The count of ones is a sum of independent Bernoullis: within 4 standard deviations.
    expect(Math.abs(got - expected)).toBeLessThan(4 * Math.sqrt(variance));
    expect(binarizeOnce(once, 5)).toBe(once);
  });
});
