import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/runtime/rng.js';
import { batches, dynamicBinarize, permutation, splitData, subsetRows, type Column, type Dataset } from '../../src/data/index.js';
import { spec } from './helpers.js';

/** n rows: x row i is [i, 10i] (Float32), c row i is i mod 3 (Int32), labels i mod 10. */
function toy(n: number, dynamic = false): Dataset {
  const x = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) [x[2 * i], x[2 * i + 1]] = [i, 10 * i];
  const column = (name: string, values: Float32Array | Int32Array, rowShape: number[], dyn = false): Column => ({
    spec: spec(name, dyn ? 'binary' : values instanceof Int32Array ? 'count' : 'real', rowShape),
    values,
    rowShape,
    rowSize: rowShape.reduce((a, b) => a * b, 1),
    dynamicBinarization: dyn,
    file: 'toy',
  });
  const p = Float32Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 0.2 : 0.9));
  return {
    n,
    columns: { x: column('x', x, [2]), c: column('c', Int32Array.from({ length: n }, (_, i) => i % 3), []), ...(dynamic ? { p: column('p', p, [], true) } : {}) },
    labels: Int32Array.from({ length: n }, (_, i) => i % 10),
    source: 'toy',
  };
}

describe('permutation', () => {
  it('is a permutation, fixed by the seed', () => {
    const a = permutation(1000, new Rng(7));
    expect(Array.from(a).sort((u, v) => u - v)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(permutation(1000, new Rng(7))).toEqual(a);
    expect(permutation(1000, new Rng(8))).not.toEqual(a);
  });

  it('puts each element first with probability 1/n (24,000 draws, 4 sigma)', () => {
    const rng = new Rng(3);
    const counts = [0, 0, 0, 0];
    for (let t = 0; t < 24000; t++) counts[permutation(4, rng)[0]!]!++;
    const sigma = Math.sqrt(24000 * 0.25 * 0.75);
    for (const c of counts) expect(Math.abs(c - 6000)).toBeLessThan(4 * sigma);
  });
});

describe('splitData', () => {
  it('holds out round(fraction·n) rows, disjoint from training, deterministic by seed', () => {
    const ds = toy(101);
    const { train, heldOut } = splitData(ds, { fraction: 0.2, seed: 11 });
    expect(heldOut.n).toBe(20);
    expect(train.n).toBe(81);
    const rows = (d: Dataset) => Array.from({ length: d.n }, (_, k) => d.columns.x!.values[2 * k]!);
    const all = [...rows(train), ...rows(heldOut)].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 101 }, (_, i) => i));
    // Each part keeps file order, and every column and the labels follow the rows.
    expect(rows(heldOut)).toEqual([...rows(heldOut)].sort((a, b) => a - b));
    for (let k = 0; k < heldOut.n; k++) {
      const i = heldOut.columns.x!.values[2 * k]!;
      expect(heldOut.columns.x!.values[2 * k + 1]).toBe(10 * i);
      expect(heldOut.columns.c!.values[k]).toBe(i % 3);
      expect(heldOut.labels![k]).toBe(i % 10);
    }
    expect(rows(splitData(ds, { fraction: 0.2, seed: 11 }).heldOut)).toEqual(rows(heldOut));
    expect(rows(splitData(ds, { fraction: 0.2, seed: 12 }).heldOut)).not.toEqual(rows(heldOut));
  });

  it('subsetRows rejects indices outside the data', () => {
    expect(() => subsetRows(toy(3), [0, 3])).toThrow('subsetRows: row index 3 is outside 0..2');
  });

  it('rejects fractions outside (0, 1) and splits that leave a part empty', () => {
    expect(() => splitData(toy(10), { fraction: 1.5, seed: 1 })).toThrow('held-out fraction must be in (0, 1), got 1.5');
    expect(() => splitData(toy(10), { fraction: 0.01, seed: 1 })).toThrow('a held-out fraction of 0.01 of 10 rows leaves no held-out rows');
  });
});

describe('batches', () => {
  it('visits every row once per epoch, gathering all columns and labels', () => {
    const ds = toy(10);
    const seen: number[] = [];
    const sizes: number[] = [];
    for (const b of batches(ds, 4, 5)) {
      sizes.push(b.size);
      for (let k = 0; k < b.size; k++) {
        const i = b.indices[k]!;
        seen.push(i);
        expect([b.columns.x![2 * k], b.columns.x![2 * k + 1]]).toEqual([i, 10 * i]);
        expect(b.columns.c![k]).toBe(i % 3);
        expect(b.labels![k]).toBe(i % 10);
      }
      expect(b.columns.c).toBeInstanceOf(Int32Array);
    }
    expect(sizes).toEqual([4, 4, 2]);
    expect([...seen].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(seen).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('keeps file order without shuffling and drops a short last batch on request', () => {
    const order = [...batches(toy(10), 4, 1, { shuffle: false, dropLast: true })].map((b) => Array.from(b.indices));
    expect(order).toEqual([[0, 1, 2, 3], [4, 5, 6, 7]]);
  });

  it('reshuffles each epoch from an Rng, and repeats the order for a fixed seed', () => {
    const epoch = (r: Rng | number) => [...batches(toy(50), 50, r)][0]!.indices;
    const rng = new Rng(9);
    const first = epoch(rng);
    expect(epoch(rng)).not.toEqual(first);
    expect(epoch(9)).toEqual(first);
    expect(epoch(9)).toEqual(epoch(9));
  });

  it('binarizes dynamic columns per batch: the mean of x matches the intensity (4 sigma)', () => {
    const ds = toy(20000, true);
    let even = 0;
    let odd = 0;
    let notBinary = 0;
    const rng = new Rng(21);
    for (const b of batches(ds, 1000, rng)) {
      for (let k = 0; k < b.size; k++) {
        const v = b.columns.p![k]!;
        if (v !== 0 && v !== 1) notBinary++;
        if (b.indices[k]! % 2 === 0) even += v;
        else odd += v;
      }
    }
    expect(notBinary).toBe(0);
    expect(Math.abs(even / 10000 - 0.2)).toBeLessThan(4 * Math.sqrt((0.2 * 0.8) / 10000));
    expect(Math.abs(odd / 10000 - 0.9)).toBeLessThan(4 * Math.sqrt((0.9 * 0.1) / 10000));
    // The stored intensities are untouched.
    expect(ds.columns.p!.values[1]).toBeCloseTo(0.9, 6);
    const raw = [...batches(ds, 4, 1, { shuffle: false, dynamicBinarization: false })][0]!;
    expect(Array.from(raw.columns.p!)).toEqual(Array.from(ds.columns.p!.values.subarray(0, 4)));
  });

  it('rejects a batch size that is not a positive integer', () => {
    expect(() => batches(toy(3), 0, 1).next()).toThrow('batch size must be a positive integer, got 0');
  });
});

describe('dynamicBinarize', () => {
  it('draws Bernoulli(p): exact at 0 and 1, mean p elsewhere, reproducible by seed', () => {
    const n = 200000;
    const p = new Float32Array(n).fill(0.3);
    const x = dynamicBinarize(p, new Rng(4));
    let ones = 0;
    for (const v of x) ones += v;
    expect(Math.abs(ones / n - 0.3)).toBeLessThan(4 * Math.sqrt(0.21 / n));
    // Same seed, same draws (compared as bytes: a deep toEqual over 200,000 values is slow).
    expect(Buffer.from(dynamicBinarize(p, new Rng(4)).buffer).equals(Buffer.from(x.buffer))).toBe(true);
    expect(Buffer.from(dynamicBinarize(p, new Rng(5)).buffer).equals(Buffer.from(x.buffer))).toBe(false);
    expect(Array.from(dynamicBinarize(Float32Array.from([0, 1, 0, 1]), new Rng(5)))).toEqual([0, 1, 0, 1]);
    const out = new Float32Array(4);
    expect(dynamicBinarize(Float32Array.from([0, 1, 1, 0]), new Rng(5), out)).toBe(out);
  });
});
