/**
 * Workloads 1 and 2: the MNIST VAE trained with the ELBO (analytic KL) or the IWAE-k bound,
 * batch 128, Adam 1e-3, dynamic binarization; plus IWAE-1000 evaluation on test images.
 * Protocol as shared/reference/torch_vae.py.
 */
import * as tf from '@tensorflow/tfjs';
import { dynamicBinarize, permutation } from '../../src/data/index.js';
import { adam, type Optimizer } from '../../src/optim/index.js';
import { Rng } from '../../src/runtime/rng.js';
import { peakRssMb, round, tensorsAlive, timeSteps, type Timing, type TimingOptions } from '../harness.js';
import { intensities, readTest, readTrain, type Images } from '../mnist.js';
import { createVae, elbo, iwae, vaeVariables, type LayerPath, type Vae } from './vae-model.js';

export interface VaeOptions extends TimingOptions {
  readonly objective: 'elbo' | 'iwae';
  /** Draws per image for the IWAE training objective. */
  readonly trainK: number;
  readonly batch: number;
  /** Also train one full epoch (469 steps) and time it. */
  readonly epoch: boolean;
  /** Draws per image and number of test images for the IWAE log-likelihood evaluation (0: skip). */
  readonly evalK: number;
  readonly evalN: number;
  readonly seed: number;
  /** Layers through src/nn's dense kernel (`fast`) or plain tfjs ops (`stock`, the baseline). Default fast. */
  readonly path?: LayerPath;
}

export interface VaeResult {
  readonly timing: Timing;
  readonly epochSeconds: number | null;
  readonly trainObjectiveEpoch: number | null;
  readonly testElboAfterEpoch: number | null;
  readonly evalSecondsPer1000Images: number | null;
  readonly evalIwaeLogLik: number | null;
  readonly tensorsBefore: number;
  readonly tensorsAfter: number;
  readonly stepsRun: number;
  readonly peakRssMb: number;
}

/** A workload's result, with the tensors still alive and the peak memory read now, after it has disposed of its own. */
export function finishedVaeResult(result: Omit<VaeResult, 'tensorsAfter' | 'peakRssMb'>): VaeResult {
  return { ...result, tensorsAfter: tensorsAlive(), peakRssMb: peakRssMb() };
}

/** One training step on the rows `rows` of `train`: binarize, forward, backward, Adam update. */
function makeStep(vae: Vae, opt: Optimizer, train: Images, o: VaeOptions, rng: Rng, total: tf.Variable) {
  const { dim } = train;
  const probs = new Float32Array(o.batch * dim);
  const x01 = new Float32Array(o.batch * dim);
  return (rows: ArrayLike<number>): void => {
    const b = rows.length;
    const xs = dynamicBinarize(intensities(train, rows, probs).subarray(0, b * dim), rng, x01.subarray(0, b * dim));
    tf.tidy(() => {
      const x = tf.tensor2d(xs, [b, dim]);
      const loss = opt.minimize(() => {
        const obj = o.objective === 'elbo' ? elbo(vae, x, rng.normal([b, vae.zDim]) as tf.Tensor2D) : iwae(vae, x, rng.normal([o.trainK, b, vae.zDim]) as tf.Tensor3D);
        return tf.neg(tf.mean(obj)) as tf.Scalar;
      });
      // Accumulate Σ objective on the device; read once per epoch, not once per step.
      total.assign(tf.sub(total, tf.mul(loss, b)));
    });
  };
}

export function runVae(o: VaeOptions): VaeResult {
  const train = readTrain();
  const rng = new Rng(o.seed);
  const tensorsBefore = tensorsAlive();
  const vae = createVae(rng.fork(), o.path ?? 'fast');
  const opt = adam(vaeVariables(vae), { lr: 1e-3 });
  const total = tf.tidy(() => tf.variable(tf.scalar(0), false));
  const step = makeStep(vae, opt, train, o, rng.fork(), total);
  const nBatches = Math.floor(train.n / o.batch);
  const rows = new Int32Array(o.batch);
  let stepsRun = 0;

  const timing = timeSteps((i) => {
    const start = (i % nBatches) * o.batch;
    for (let r = 0; r < o.batch; r++) rows[r] = start + r;
    step(rows);
    stepsRun++;
  }, o);

  let epochSeconds: number | null = null;
  let trainObjectiveEpoch: number | null = null;
  let testElboAfterEpoch: number | null = null;
  if (o.epoch) {
    tf.tidy(() => total.assign(tf.scalar(0)));
    const t0 = performance.now();
    const perm = permutation(train.n, rng);
    for (let i = 0; i < train.n; i += o.batch) {
      step(perm.subarray(i, Math.min(i + o.batch, train.n)));
      stepsRun++;
    }
    trainObjectiveEpoch = round(total.dataSync()[0]! / train.n, 3);
    epochSeconds = round((performance.now() - t0) / 1000, 3);
    testElboAfterEpoch = round(testElbo(vae, binarizedTest(10000), new Rng(o.seed + 777)), 3);
  }

  let evalSecondsPer1000Images: number | null = null;
  let evalIwaeLogLik: number | null = null;
  if (o.evalK > 0 && o.evalN > 0) {
    const test = binarizedTest(o.evalN);
    const t0 = performance.now();
    evalIwaeLogLik = round(iwaeEstimate(vae, test, o.evalK, new Rng(o.seed + 778)), 3);
    evalSecondsPer1000Images = round(((performance.now() - t0) / 1000) * (1000 / o.evalN), 2);
  }

  opt.dispose();
  total.dispose();
  for (const v of vaeVariables(vae)) v.dispose();
  return finishedVaeResult({ timing, epochSeconds, trainObjectiveEpoch, testElboAfterEpoch, evalSecondsPer1000Images, evalIwaeLogLik, tensorsBefore, stepsRun });
}

/** A fixed binarization of the first n test images (seed 12345, as the reference's --test-seed). */
interface Binary {
  readonly n: number;
  readonly dim: number;
  readonly x: Float32Array;
}

function binarizedTest(n: number): Binary {
  const test = readTest();
  const rows = Int32Array.from({ length: n }, (_, i) => i);
  const x = dynamicBinarize(intensities(test, rows, new Float32Array(n * test.dim)), new Rng(12345));
  return { n, dim: test.dim, x };
}

/** Mean test ELBO (one draw, analytic KL) over the images, in chunks of 1000. */
function testElbo(vae: Vae, test: Binary, rng: Rng): number {
  let sum = 0;
  for (let i = 0; i < test.n; i += 1000) {
    const b = Math.min(1000, test.n - i);
    sum += tf.tidy(() => {
      const x = tf.tensor2d(test.x.subarray(i * test.dim, (i + b) * test.dim), [b, test.dim]);
      return tf.sum(elbo(vae, x, rng.normal([b, vae.zDim]) as tf.Tensor2D)).dataSync()[0]!;
    });
  }
  return sum / test.n;
}

/**
 * Mean IWAE-k bound over the images, in chunks of about 10,000 decoder rows (k draws × images):
 * large enough for full-speed products, small enough to keep peak memory well under 1 GB.
 */
function iwaeEstimate(vae: Vae, images: Binary, k: number, rng: Rng): number {
  const chunk = Math.max(1, Math.floor(10000 / k));
  let sum = 0;
  for (let i = 0; i < images.n; i += chunk) {
    const b = Math.min(chunk, images.n - i);
    sum += tf.tidy(() => {
      const x = tf.tensor2d(images.x.subarray(i * images.dim, (i + b) * images.dim), [b, images.dim]);
      return tf.sum(iwae(vae, x, rng.normal([k, b, vae.zDim]) as tf.Tensor3D)).dataSync()[0]!;
    });
  }
  return sum / images.n;
}
