/**
 * Data-parallel VAE training on worker threads — the measured answer to "WASM runs one thread
 * under Node": each worker holds a replica of θ and its own WASM backend, differentiates its
 * share of the batch, the gradients are summed through shared memory, and every replica applies
 * the same Adam update. The calling thread only prepares batches and waits.
 */
import { Worker } from 'node:worker_threads';
import { dynamicBinarize } from '../../../src/data/index.js';
import { Rng } from '../../../src/runtime/rng.js';
import { intensities, type Images } from '../../mnist.js';
import { createVae, vaeVariables } from '../vae-model.js';
import { ARRIVED, CTRL_LENGTH, DONE, GO, ROWS, waitAtLeast, type WorkerSetup } from './layout.js';
import * as tf from '@tensorflow/tfjs';

export interface DataParallelOptions {
  readonly world: number;
  readonly backend: string;
  readonly objective: 'elbo' | 'iwae';
  readonly trainK: number;
  readonly batch: number;
  readonly seed: number;
}

export class DataParallelTrainer {
  private readonly ctrl: Int32Array;
  private readonly x: Float32Array;
  private readonly eps: Float32Array;
  private readonly sums: Float64Array;
  private readonly probs: Float32Array;
  private readonly workers: Worker[];
  private steps = 0;

  private constructor(
    private readonly o: DataParallelOptions,
    private readonly train: Images,
    private readonly rng: Rng,
    setup: Omit<WorkerSetup, 'rank'>,
  ) {
    this.ctrl = new Int32Array(setup.ctrl);
    this.x = new Float32Array(setup.x);
    this.eps = new Float32Array(setup.eps);
    this.sums = new Float64Array(setup.objectiveSums);
    this.probs = new Float32Array(o.batch * train.dim);
    this.workers = Array.from({ length: o.world }, (_, rank) => new Worker(new URL('./boot.mjs', import.meta.url), { workerData: { ...setup, rank } }));
  }

  /** Start the workers; resolves when every replica has loaded its backend and model. */
  static async start(o: DataParallelOptions, train: Images): Promise<DataParallelTrainer> {
    const zDim = 20;
    const nParams = countParams();
    const k = o.objective === 'elbo' ? 1 : o.trainK;
    const setup: Omit<WorkerSetup, 'rank'> = {
      world: o.world,
      seed: o.seed,
      backend: o.backend,
      objective: o.objective,
      trainK: o.trainK,
      maxBatch: o.batch,
      xDim: train.dim,
      zDim,
      ctrl: new SharedArrayBuffer(CTRL_LENGTH * 4),
      x: new SharedArrayBuffer(o.batch * train.dim * 4),
      eps: new SharedArrayBuffer(k * o.batch * zDim * 4),
      grads: new SharedArrayBuffer(o.world * nParams * 4),
      objectiveSums: new SharedArrayBuffer(o.world * 8),
    };
    const t = new DataParallelTrainer(o, train, new Rng(o.seed + 1), setup);
    await Promise.all(t.workers.map((w) => new Promise<void>((resolve, reject) => {
      w.once('message', () => resolve());
      w.once('error', reject);
      w.once('exit', (code) => reject(new Error(`data-parallel worker exited with code ${code} before it was ready`)));
    })));
    return t;
  }

  /** One synchronous training step on the given rows; returns Σ objective over the batch. */
  step(rows: ArrayLike<number>): number {
    const b = rows.length;
    const dim = this.train.dim;
    dynamicBinarize(intensities(this.train, rows, this.probs).subarray(0, b * dim), this.rng, this.x.subarray(0, b * dim));
    this.eps.set(this.rng.normalArray(this.eps.length));
    const n = ++this.steps;
    Atomics.store(this.ctrl, ROWS, b);
    Atomics.store(this.ctrl, GO, n);
    Atomics.notify(this.ctrl, GO);
    waitAtLeast(this.ctrl, DONE, n * this.o.world);
    return this.sums.reduce((a, v) => a + v, 0);
  }

  async stop(): Promise<void> {
    Atomics.store(this.ctrl, GO, -1);
    Atomics.notify(this.ctrl, GO);
    Atomics.notify(this.ctrl, ARRIVED);
    await Promise.all(this.workers.map((w) => new Promise<void>((resolve) => w.once('exit', () => resolve()))));
  }
}

/** Parameter count of the benchmark VAE (built once on the calling thread, then freed). */
function countParams(): number {
  const vars = vaeVariables(createVae(new Rng(0)));
  const n = vars.reduce((a, v) => a + v.size, 0);
  tf.dispose(vars);
  return n;
}
