/**
 * Workloads 1 and 2 through the engine: `models/vae.vmodel` (the same 784-400-20 encoder and
 * decoder) trained by `Svi` on the full MNIST training set with dynamic binarization, batch 128,
 * Adam 1e-3 — what `vmodel fit` runs. The hand-written workloads (vae.ts) time the networks
 * alone; the difference between the two is the generic trace and objective around them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dataset } from '../../src/data/index.js';
import '../../src/distributions/index.js';
import { Svi } from '../../src/inference/fit/svi.js';
import { elbo, iwae } from '../../src/inference/objectives/index.js';
import { prepare } from '../../src/inference/setup.js';
import { compileSource } from '../../src/lang/compile.js';
import { peakRssMb, tensorsAlive, timeSteps, type TimingOptions } from '../harness.js';
import { intensities, readTrain } from '../mnist.js';
import type { VaeResult } from './vae.js';

const MODEL = join(import.meta.dirname, '..', '..', 'models', 'vae.vmodel');

export interface VaeEngineOptions extends TimingOptions {
  readonly objective: 'elbo' | 'iwae';
  readonly trainK: number;
  readonly batch: number;
  readonly seed: number;
}

export function runVaeEngine(o: VaeEngineOptions): VaeResult {
  const graph = compileSource({ path: MODEL, text: readFileSync(MODEL, 'utf8') }).graph!;
  const images = readTrain();
  const all = Int32Array.from({ length: images.n }, (_, i) => i);
  const spec = { name: 'x', kind: 'binary' as const, kindArgs: [], shape: [images.dim] };
  const values = intensities(images, all, new Float32Array(images.n * images.dim));
  const data: Dataset = {
    n: images.n,
    source: 'MNIST training images',
    columns: { x: { spec, values, rowShape: [images.dim], rowSize: images.dim, dynamicBinarization: true, file: 'train-images-idx3-ubyte.gz' } },
  };
  const tensorsBefore = tensorsAlive();
  const prepared = prepare(graph, data.n, o.seed, 'svi', 'amortized');
  const objective = o.objective === 'elbo' ? elbo() : iwae(o.trainK);
  const svi = new Svi(prepared.parts, prepared.guide, prepared.store, data, { objective, optimizer: 'adam', lr: 1e-3, batchSize: o.batch, seed: o.seed, convergence: false });
  let stepsRun = 0;
  const timing = timeSteps(() => {
    svi.next();
    stepsRun++;
  }, o);
  svi.dispose();
  prepared.store.dispose();
  return {
    timing,
    epochSeconds: null,
    trainObjectiveEpoch: null,
    testElboAfterEpoch: null,
    evalSecondsPer1000Images: null,
    evalIwaeLogLik: null,
    tensorsBefore,
    tensorsAfter: tensorsAlive(),
    stepsRun,
    peakRssMb: peakRssMb(),
  };
}
