import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeIdx, idxMagic, loadData } from '../../src/data/index.js';
import { rendered, spec, tempFile } from './helpers.js';

const MNIST = '/work/shared/data/mnist';
const TEST_IMAGES = `${MNIST}/t10k-images-idx3-ubyte.gz`;
const TEST_LABELS = `${MNIST}/t10k-labels-idx1-ubyte.gz`;
/** The first 1,000 test images, shipped in models/data (a tenth of the decoding work). */
const TEST_1K = join(import.meta.dirname, '..', '..', 'models', 'data', 'mnist-test-1k-images.idx.gz');

/** A big-endian IDX file built by hand: magic 0x00 0x00 type rank, the dims, then the data. */
function idxBytes(type: number, shape: number[], values: number[]): Uint8Array {
  const size = { 0x08: 1, 0x09: 1, 0x0b: 2, 0x0c: 4, 0x0d: 4, 0x0e: 8 }[type]!;
  const bytes = new Uint8Array(4 + 4 * shape.length + size * values.length);
  const view = new DataView(bytes.buffer);
  bytes[2] = type;
  bytes[3] = shape.length;
  shape.forEach((d, k) => view.setUint32(4 + 4 * k, d, false));
  const at = 4 + 4 * shape.length;
  values.forEach((v, i) => {
    const o = at + i * size;
    if (type === 0x08) view.setUint8(o, v);
    else if (type === 0x09) view.setInt8(o, v);
    else if (type === 0x0b) view.setInt16(o, v, false);
    else if (type === 0x0c) view.setInt32(o, v, false);
    else if (type === 0x0d) view.setFloat32(o, v, false);
    else view.setFloat64(o, v, false);
  });
  return bytes;
}

describe('IDX decoding', () => {
  it('reads the MNIST headers: magic numbers 2051/2049, counts and 28×28', () => {
    const images = gunzipSync(readFileSync(TEST_IMAGES));
    const labels = gunzipSync(readFileSync(TEST_LABELS));
    expect(idxMagic(images)).toBe(2051);
    expect(idxMagic(labels)).toBe(2049);
    const decoded = decodeIdx(images);
    if (typeof decoded === 'string') throw new Error(decoded);
    expect(decoded.shape).toEqual([10000, 28, 28]);
    // Reference values from NumPy on the same file: pixel sum of image 0 and of images 0..99.
    const sum = (from: number, to: number) => {
      let s = 0;
      for (let i = from; i < to; i++) s += decoded.values[i]!;
      return s;
    };
    expect(sum(0, 784)).toBe(18454);
    expect(sum(0, 78400)).toBe(2396707);
  });

  it.each([
    [0x09, [-128, 0, 127]],
    [0x0b, [-30000, 5, 30000]],
    [0x0c, [-2000000000, 7, 2000000000]],
    [0x0d, [-1.5, 0.25, 1024.125]],
    [0x0e, [Math.PI, -1e-300, 1e300]],
  ])('reads IDX element type %i big-endian', (type, values) => {
    const decoded = decodeIdx(idxBytes(type, [3], values));
    if (typeof decoded === 'string') throw new Error(decoded);
    expect(Array.from(decoded.values)).toEqual(values);
  });

  it('rejects a bad magic number and a length that disagrees with the header', () => {
    expect(decodeIdx(Uint8Array.from([1, 0, 8, 1]))).toBe('not an IDX file (the magic number must start with two zero bytes)');
    expect(decodeIdx(Uint8Array.from([0, 0, 7, 1]))).toBe('unsupported IDX element type 0x07');
    const short = idxBytes(0x08, [2, 2], [1, 2, 3, 4]).subarray(0, 14);
    expect(decodeIdx(short)).toBe('the header promises shape [2, 2] (16 bytes) but the file has 14 bytes');
  });
});

describe('IDX as a data source', () => {
  it('loads images as intensities in [0, 1] for a real[784] variable, with paired labels', () => {
    const r = loadData({ variable: 'x', path: TEST_IMAGES }, [spec('x', 'real', [784])], { labels: TEST_LABELS });
    expect(r.diagnostics).toEqual([]);
    const ds = r.dataset!;
    expect(ds.n).toBe(10000);
    expect(ds.columns.x!.rowShape).toEqual([784]);
    expect(ds.columns.x!.values[203]).toBe(Math.fround(185 / 255)); // NumPy: image 0, pixel 203 is 185;
    expect(Array.from(ds.labels!.subarray(0, 10))).toEqual([7, 2, 1, 0, 4, 1, 4, 9, 5, 9]);
  });

  it('names the first grey pixel when binary data are not binarized, and counts the rest', () => {
    const r = loadData({ variable: 'x', path: TEST_1K }, [spec('x', 'binary', [784])]);
    expect(r.dataset).toBeUndefined();
    expect(r.diagnostics).toHaveLength(20);
    expect(rendered(r.diagnostics)[0]!.split('\n')[0]).toBe(
      `error[D0003]: ${TEST_1K}, row 1, column 'x[203]': 0.32941176 is not a valid binary value (expected 0 or 1)`,
    );
    // NumPy: 136,933 pixels of the first 1,000 images are neither 0 nor 255; 20 are shown.
    expect(r.omitted).toBe(136933 - 20);
  });

  it('binarizes at a fixed threshold: the number of ones equals the count of pixels > 127 (NumPy)', () => {
    const r = loadData({ variable: 'x', path: TEST_1K }, [spec('x', 'binary', [784])], { binarize: { threshold: 0.5 } });
    const x = r.dataset!.columns.x!;
    expect(x.dynamicBinarization).toBe(false);
    let ones = 0;
    for (const v of x.values) ones += v;
    expect(ones).toBe(97145);
    expect(x.values.every((v) => v === 0 || v === 1)).toBe(true);
  });

  it('keeps intensities for dynamic binarization', () => {
    const r = loadData({ variable: 'x', path: TEST_1K }, [spec('x', 'binary', [28, 28])], { binarize: 'dynamic' });
    expect(r.dataset!.columns.x!.dynamicBinarization).toBe(true);
    expect(r.dataset!.columns.x!.values[203]).toBe(Math.fround(185 / 255));
  });

  it('keeps label bytes as integers for a category variable, and catches mismatched label counts', () => {
    const r = loadData({ variable: 'c', path: TEST_LABELS }, [spec('c', 'category', [], [10])]);
    expect(Array.from(r.dataset!.columns.c!.values.subarray(0, 4))).toEqual([7, 2, 1, 0]);
    const few = tempFile('few-labels.idx', idxBytes(0x08, [3], [1, 2, 3]));
    const bad = loadData({ variable: 'c', path: TEST_LABELS }, [spec('c', 'category', [], [10])], { labels: few });
    expect(rendered(bad.diagnostics, few)).toEqual([
      `error[D0010]: FILE, column 'labels': 'labels' has 3 rows but 'c' (${TEST_LABELS}) has 10000\n  = hint: every data variable needs one value per data row`,
    ]);
  });
});
