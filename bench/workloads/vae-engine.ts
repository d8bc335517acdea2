/**
 * Workloads 1 and 2 through the engine: `models/vae.vmodel` (the same 784-400-20 encoder and
 * decoder) trained by `Svi` on the full MNIST training set with dynamic binarization, batch 128,
 * Adam 1e-3 — what `vmodel fit` runs — then, optionally, the IWAE-1000 log-likelihood of test
 * images as `vmodel eval` computes it. The hand-written workloads (vae.ts) time the networks
 * alone; the difference between the two is the generic trace and objective around them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dynamicBinarize, type Dataset } from '../../src/data/index.js';
import '../../src/distributions/index.js';
import { Svi } from '../../src/inference/fit/svi.js';
import { estimateLogLikelihood } from '../../src/inference/evaluate/log-likelihood.js';
import { elbo, iwae } from '../../src/inference/objectives/index.js';
import { prepare } from '../../src/inference/setup.js';
import { compileSource } from '../../src/lang/compile.js';
import { round, tensorsAlive, timeSteps, type TimingOptions } from '../harness.js';
import { Rng } from '../../src/runtime/rng.js';
import { intensities, readTest, readTrain, type Images } from '../mnist.js';
import { finishedVaeResult, type VaeResult } from './vae.js';

const MODEL = join(import.meta.dirname, '..', '..', 'models', 'vae.vmodel');

export interface VaeEngineOptions extends TimingOptions {
  readonly objective: 'elbo' | 'iwae';
  readonly trainK: number;
  readonly batch: number;
  readonly seed: number;
  /** IWAE-k log-likelihood on the first `evalN` test images after the timed steps, as `vmodel eval` runs it (0: skip). */
  readonly evalK: number;
  readonly evalN: number;
}

/** The first `n` images (all when n is undefined) as a data set of `x : binary[784]`, dynamically binarized or binarized once. */
function imageData(images: Images, n: number, once?: Rng): Dataset {
  const spec = { name: 'x', kind: 'binary' as const, kindArgs: [], shape: [images.dim] };
  const values = intensities(images, Int32Array.from({ length: n }, (_, i) => i), new Float32Array(n * images.dim));
  const column = { spec, values: once ? dynamicBinarize(values, once) : values, rowShape: [images.dim], rowSize: images.dim, dynamicBinarization: !once, file: 'MNIST' };
  return { n, source: 'MNIST', columns: { x: column } };
}

export function runVaeEngine(o: VaeEngineOptions): VaeResult {
  const graph = compileSource({ path: MODEL, text: readFileSync(MODEL, 'utf8') }).graph!;
  const images = readTrain();
  const data = imageData(images, images.n);
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
  let evalSecondsPer1000Images: number | null = null;
  let evalIwaeLogLik: number | null = null;
  if (o.evalK > 0 && o.evalN > 0) {
    // The reference's protocol: the test images binarized once with seed 12345.
    const test = imageData(readTest(), o.evalN, new Rng(12345));
    const t0 = performance.now();
    evalIwaeLogLik = round(estimateLogLikelihood(prepared, test, { k: o.evalK, seed: o.seed + 778 }).perRow, 3);
    evalSecondsPer1000Images = round(((performance.now() - t0) / 1000) * (1000 / o.evalN), 2);
  }
  prepared.store.dispose();
  return finishedVaeResult({ timing, epochSeconds: null, trainObjectiveEpoch: null, testElboAfterEpoch: null, evalSecondsPer1000Images, evalIwaeLogLik, tensorsBefore, stepsRun });
}
