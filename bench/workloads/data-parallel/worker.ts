/**
 * One data-parallel replica: the full VAE and Adam state, the gradient of its share of each
 * batch, and the identical update from the summed gradient (so every replica stays equal).
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { adam } from '../../../src/optim/index.js';
import { parseBackendName, selectBackend } from '../../../src/runtime/backend.js';
import { Rng } from '../../../src/runtime/rng.js';
import { createVae, elbo, iwae, vaeVariables } from '../vae-model.js';
import { ARRIVED, DONE, GO, ROWS, arrive, waitAtLeast, type WorkerSetup } from './layout.js';

const s = workerData as WorkerSetup;
await selectBackend(parseBackendName(s.backend));
const ctrl = new Int32Array(s.ctrl);
const xs = new Float32Array(s.x);
const eps = new Float32Array(s.eps);
const sums = new Float64Array(s.objectiveSums);
const vae = createVae(new Rng(s.seed).fork()); // same seed in every replica: identical θ
const vars = vaeVariables(vae);
const offsets: number[] = [];
let nParams = 0;
for (const v of vars) {
  offsets.push(nParams);
  nParams += v.size;
}
const slots = Array.from({ length: s.world }, (_, r) => new Float32Array(s.grads, r * nParams * 4, nParams));
const total = new Float32Array(nParams);
const opt = adam(vars, { lr: 1e-3 });
parentPort?.postMessage('ready');

for (let step = 1; ; step++) {
  waitAtLeast(ctrl, GO, step);
  if (Atomics.load(ctrl, GO) < 0) break;
  const b = Atomics.load(ctrl, ROWS);
  const per = Math.ceil(b / s.world);
  const lo = Math.min(b, s.rank * per);
  const hi = Math.min(b, lo + per);
  const k = s.objective === 'elbo' ? 1 : s.trainK;
  tf.tidy(() => {
    const n = hi - lo;
    if (n === 0) {
      slots[s.rank]!.fill(0);
      sums[s.rank] = 0;
      return;
    }
    const x = tf.tensor2d(xs.subarray(lo * s.xDim, hi * s.xDim), [n, s.xDim]);
    const e = tf.stack(Array.from({ length: k }, (_, j) => tf.tensor2d(eps.subarray((j * s.maxBatch + lo) * s.zDim, (j * s.maxBatch + hi) * s.zDim), [n, s.zDim])));
    // Each replica differentiates its share of −(1/b) Σ objective; the shares sum to the batch mean.
    const { value, grads } = tf.variableGrads(() => {
      const obj = s.objective === 'elbo' ? elbo(vae, x, e.squeeze([0]) as tf.Tensor2D) : iwae(vae, x, e as tf.Tensor3D);
      return tf.div(tf.neg(tf.sum(obj)), b) as tf.Scalar;
    }, vars);
    vars.forEach((v, i) => slots[s.rank]!.set(grads[v.name]!.dataSync(), offsets[i]!));
    sums[s.rank] = -value.dataSync()[0]! * b;
  });
  arrive(ctrl, ARRIVED);
  waitAtLeast(ctrl, ARRIVED, step * s.world);
  total.set(slots[0]!);
  for (let r = 1; r < s.world; r++) {
    const g = slots[r]!;
    for (let i = 0; i < nParams; i++) total[i] = total[i]! + g[i]!;
  }
  tf.tidy(() => {
    const grads: tf.NamedTensorMap = {};
    vars.forEach((v, i) => (grads[v.name] = tf.tensor(total.subarray(offsets[i]!, offsets[i]! + v.size), v.shape)));
    opt.step(grads);
  });
  arrive(ctrl, DONE);
}
