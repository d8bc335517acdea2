/**
 * MNIST for the benchmarks: the IDX files from shared/data/mnist as intensities in [0, 1].
 * Decoding is src/data's; this file only finds, gunzips and scales.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeIdx } from '../src/data/index.js';

export const MNIST_DIR = process.env['VMODEL_MNIST'] ?? join(import.meta.dirname, '..', '..', 'shared', 'data', 'mnist');

/** Images as one Float32Array of rows of 784 intensities in [0, 1]. */
export interface Images {
  readonly n: number;
  readonly dim: number;
  readonly pixels: Float32Array;
}

export function readImages(file: string): Images {
  const path = join(MNIST_DIR, file);
  const decoded = decodeIdx(new Uint8Array(gunzipSync(readFileSync(path))));
  if (typeof decoded === 'string') throw new Error(`${path}: ${decoded}`);
  const [n, ...rest] = decoded.shape;
  const dim = rest.reduce((a, b) => a * b, 1);
  const pixels = new Float32Array(decoded.values.length);
  for (let i = 0; i < pixels.length; i++) pixels[i] = decoded.values[i]! / 255;
  return { n: n!, dim, pixels };
}

export const readTrain = (): Images => readImages('train-images-idx3-ubyte.gz');
export const readTest = (): Images => readImages('t10k-images-idx3-ubyte.gz');
