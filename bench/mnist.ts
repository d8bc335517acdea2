/**
 * MNIST for the benchmarks: the IDX files from shared/data/mnist as raw bytes (0..255), kept as
 * bytes (47 MB for the training set, not 188 MB of floats); rows are scaled to [0, 1] on demand.
 * Decoding is src/data's; this file only finds and gunzips.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeIdx } from '../src/data/index.js';

export const MNIST_DIR = process.env['VMODEL_MNIST'] ?? join(import.meta.dirname, '..', '..', 'shared', 'data', 'mnist');

/** Images as one byte array of rows of `dim` pixels. */
export interface Images {
  readonly n: number;
  readonly dim: number;
  readonly bytes: Uint8Array;
}

/** Write the intensities (byte / 255) of the given rows, one after another, into `out`. */
export function intensities(images: Images, rows: ArrayLike<number>, out: Float32Array): Float32Array {
  const { dim, bytes } = images;
  for (let r = 0; r < rows.length; r++) {
    const src = rows[r]! * dim;
    const dst = r * dim;
    for (let j = 0; j < dim; j++) out[dst + j] = bytes[src + j]! / 255;
  }
  return out;
}

export function readImages(file: string): Images {
  const path = join(MNIST_DIR, file);
  const decoded = decodeIdx(new Uint8Array(gunzipSync(readFileSync(path))));
  if (typeof decoded === 'string') throw new Error(`${path}: ${decoded}`);
  const [n, ...rest] = decoded.shape;
  const dim = rest.reduce((a, b) => a * b, 1);
  if (!(decoded.values instanceof Uint8Array)) throw new Error(`${path}: expected unsigned-byte images`);
  return { n: n!, dim, bytes: decoded.values };
}

export const readTrain = (): Images => readImages('train-images-idx3-ubyte.gz');
export const readTest = (): Images => readImages('t10k-images-idx3-ubyte.gz');
