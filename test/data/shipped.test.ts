/**
 * The data shipped in models/data load against the declarations of the example models and hold
 * what models/data/README.md says they hold.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { lusolve } from 'mathjs';
import { decodeIdx, loadData, type Column, type DataSpec, type LoadOptions } from '../../src/data/index.js';
import { spec } from './helpers.js';

const DATA = join(import.meta.dirname, '..', '..', 'models', 'data');
const SHARED = '/work/shared/data';

function load(sources: Parameters<typeof loadData>[0], specs: DataSpec[], options: LoadOptions = {}) {
  const r = loadData(sources, specs, options);
  expect(r.diagnostics).toEqual([]);
  return r.dataset!;
}

/** Mean and sample standard deviation (n − 1) of element `e` of a column. */
function moments(c: Column, n: number, e = 0): [number, number] {
  let s = 0;
  for (let i = 0; i < n; i++) s += c.values[i * c.rowSize + e]!;
  const mean = s / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (c.values[i * c.rowSize + e]! - mean) ** 2;
  return [mean, Math.sqrt(ss / (n - 1))];
}

function sharedIdx(name: string): Uint8Array {
  const decoded = decodeIdx(gunzipSync(readFileSync(join(SHARED, 'mnist', name))));
  if (typeof decoded === 'string') throw new Error(decoded);
  return decoded.values as Uint8Array;
}

describe('shipped MNIST subsets', () => {
  it('are the first 3,000 training and 1,000 test images and labels, unchanged', () => {
    const train = decodeIdx(gunzipSync(readFileSync(join(DATA, 'mnist-train-3k-images.idx.gz'))));
    const test = decodeIdx(gunzipSync(readFileSync(join(DATA, 'mnist-test-1k-images.idx.gz'))));
    if (typeof train === 'string' || typeof test === 'string') throw new Error('bad shipped IDX');
    expect(train.shape).toEqual([3000, 28, 28]);
    expect(test.shape).toEqual([1000, 28, 28]);
    // Byte comparison through Buffer.equals: a deep toEqual over 2.4 million elements takes seconds.
    const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
    expect(same(train.values as Uint8Array, sharedIdx('train-images-idx3-ubyte.gz').subarray(0, 3000 * 784))).toBe(true);
    expect(same(test.values as Uint8Array, sharedIdx('t10k-images-idx3-ubyte.gz').subarray(0, 1000 * 784))).toBe(true);
    expect(same(train.values as Uint8Array, sharedIdx('t10k-images-idx3-ubyte.gz').subarray(0, 3000 * 784))).toBe(false);
  });

  it('load as binary[784] with fixed or dynamic binarization, with labels for plotting', () => {
    const x = spec('x', 'binary', [784]);
    const images = join(DATA, 'mnist-train-3k-images.idx.gz');
    const fixed = load({ variable: 'x', path: images }, [x], { binarize: { threshold: 0.5 }, labels: join(DATA, 'mnist-train-3k-labels.idx.gz') });
    expect(fixed.n).toBe(3000);
    expect(Array.from(fixed.labels!.subarray(0, 10))).toEqual([5, 0, 4, 1, 9, 2, 1, 3, 1, 4]);
    const dynamic = load(images, [x], { binarize: 'dynamic' });
    expect(dynamic.columns.x!.dynamicBinarization).toBe(true);
    const test = load({ variable: 'x', path: join(DATA, 'mnist-test-1k-images.idx.gz') }, [x], { binarize: { threshold: 0.5 }, labels: join(DATA, 'mnist-test-1k-labels.idx.gz') });
    expect(Array.from(test.labels!.subarray(0, 10))).toEqual([7, 2, 1, 0, 4, 1, 4, 9, 5, 9]);
  });
});

describe('shipped tables', () => {
  it('faithful.csv is Old Faithful standardized with the means and sds in the README', () => {
    const z = load(join(DATA, 'faithful.csv'), [spec('x', 'real', [2])]);
    const raw = load(join(DATA, 'faithful-raw.csv'), [spec('x', 'real', [2])]);
    expect(z.n).toBe(272);
    for (const e of [0, 1]) {
      const [m, s] = moments(z.columns.x!, 272, e);
      expect(Math.abs(m)).toBeLessThan(1e-5);
      expect(s).toBeCloseTo(1, 5);
    }
    const [m1, s1] = moments(raw.columns.x!, 272, 0);
    const [m2, s2] = moments(raw.columns.x!, 272, 1);
    expect([m1, s1, m2, s2].map((v) => Number(v.toFixed(4)))).toEqual([3.4878, 1.1414, 70.8971, 13.595]);
  });

  it('digits.csv has 1,797 rows of 64 pixels in 0..16, with the label column as labels', () => {
    const ds = load(join(DATA, 'digits.csv'), [spec('x', 'real', [64])]);
    expect(ds.n).toBe(1797);
    expect(ds.columns.x!.values.every((v) => Number.isInteger(v) && v >= 0 && v <= 16)).toBe(true);
    const shared = readFileSync(join(SHARED, 'digits', 'digits.csv'), 'utf8').trim().split('\n');
    expect(Array.from(ds.columns.x!.values.subarray(0, 64))).toEqual(shared[1]!.split(',').slice(0, 64).map(Number));
    expect(Array.from(ds.labels!.subarray(0, 10))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('blr.csv agrees with the exact posterior shipped in blr-posterior.json', () => {
    const ds = load(join(DATA, 'blr.csv'), [spec('x', 'real', [5]), spec('y', 'real')]);
    expect(ds.n).toBe(1000);
    // Posterior of w ~ N(0, I), b ~ N(0, 1), y ~ N(x·w + b, 0.5²): solve (I + AᵀA/σ²) θ = Aᵀy/σ², A = [x, 1].
    const p = 6;
    const prec = Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => (i === j ? 1 : 0)));
    const rhs = new Array<number>(p).fill(0);
    const x = ds.columns.x!.values;
    const y = ds.columns.y!.values;
    for (let n = 0; n < ds.n; n++) {
      const a = [...x.subarray(5 * n, 5 * n + 5), 1];
      for (let i = 0; i < p; i++) {
        rhs[i]! += (a[i]! * y[n]!) / 0.25;
        for (let j = 0; j < p; j++) prec[i]![j]! += (a[i]! * a[j]!) / 0.25;
      }
    }
    const mean = (lusolve(prec, rhs) as number[][]).map((r) => r[0]!);
    const shipped = JSON.parse(readFileSync(join(DATA, 'blr-posterior.json'), 'utf8'));
    // Float32 storage of 6-decimal values moves the mean by far less than its posterior sd (~0.016).
    mean.forEach((m, i) => expect(Math.abs(m - shipped.posterior_mean[i])).toBeLessThan(1e-4));
    expect(shipped.true).toEqual([1.5, -2, 0.5, 0, 3, 1]);
  });

  it('eight_schools.csv is Rubin (1981)', () => {
    const ds = load(join(DATA, 'eight_schools.csv'), [spec('y', 'real'), spec('sigma', 'positive')]);
    expect(Array.from(ds.columns.y!.values)).toEqual([28, 8, -3, 7, -1, 1, 18, 12]);
    expect(Array.from(ds.columns.sigma!.values)).toEqual([15, 10, 16, 11, 9, 11, 10, 18]);
  });

  it('gamma_poisson.csv has 200 counts with positive exposures', () => {
    const ds = load(join(DATA, 'gamma_poisson.csv'), [spec('y', 'count'), spec('exposure', 'positive')]);
    expect(ds.n).toBe(200);
    expect(ds.columns.y!.values).toBeInstanceOf(Int32Array);
    expect(moments(ds.columns.y!, 200)[0]).toBeCloseTo(2.88, 6);
  });
});
