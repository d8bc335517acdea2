/**
 * Where one VAE training step spends its time, kernel by kernel (tf.profile), to guide the
 * performance work recorded in docs/performance.md.
 *
 *   npx tsx bench/profile-step.ts [--backend wasm] [--objective elbo|iwae] [--k 5] [--steps 20]
 */
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { adam } from '../src/optim/index.js';
import { parseBackendName, selectBackend } from '../src/runtime/backend.js';
import { Rng } from '../src/runtime/rng.js';
import { createVae, elbo, iwae, vaeVariables } from './workloads/vae-model.js';

const { values } = parseArgs({
  options: { backend: { type: 'string', default: 'wasm' }, objective: { type: 'string', default: 'elbo' }, k: { type: 'string', default: '5' }, steps: { type: 'string', default: '20' }, path: { type: 'string', default: 'fast' } },
});
await selectBackend(parseBackendName(values.backend));
const rng = new Rng(0);
const vae = createVae(rng.fork(), values.path === 'stock' ? 'stock' : 'fast');
const opt = adam(vaeVariables(vae), { lr: 1e-3 });
const k = Number(values.k);
const x = tf.tidy(() => tf.cast(tf.less(rng.uniform([128, 784]), 0.13), 'float32')) as tf.Tensor2D;
const step = (): void =>
  tf.tidy(() => {
    opt.minimize(() => {
      const obj = values.objective === 'elbo' ? elbo(vae, x, rng.normal([128, 20]) as tf.Tensor2D) : iwae(vae, x, rng.normal([k, 128, 20]) as tf.Tensor3D);
      return tf.neg(tf.mean(obj)) as tf.Scalar;
    });
  });
for (let i = 0; i < 5; i++) step();

// CPU time without the profiler: what the step costs this process, whatever the neighbours do.
const cpuMs: number[] = [];
for (let r = 0; r < 3; r++) {
  const c0 = process.cpuUsage();
  for (let i = 0; i < 20; i++) step();
  const c = process.cpuUsage(c0);
  cpuMs.push((c.user + c.system) / 1000 / 20);
}
console.log(`process CPU ms/step (3 repeats of 20): ${cpuMs.map((v) => v.toFixed(2)).join(' ')}`);

const totals = new Map<string, { ms: number; calls: number }>();
const steps = Number(values.steps);
let wall = 0;
for (let i = 0; i < steps; i++) {
  const t0 = performance.now();
  const info = await tf.profile(step);
  wall += performance.now() - t0;
  for (const kern of info.kernels) {
    const key = `${kern.name} ${JSON.stringify(kern.inputShapes)}`;
    const t = totals.get(key) ?? { ms: 0, calls: 0 };
    t.ms += typeof kern.kernelTimeMs === 'number' ? kern.kernelTimeMs : 0;
    t.calls++;
    totals.set(key, t);
  }
}
const rows = [...totals.entries()].sort((a, b) => b[1].ms - a[1].ms);
const kernelMs = rows.reduce((s, [, t]) => s + t.ms, 0) / steps;
console.log(`backend ${tf.getBackend()}, ${values.objective}: ${(wall / steps).toFixed(2)} ms/step under the profiler, ${kernelMs.toFixed(2)} ms in kernels, ${(rows.reduce((s, [, t]) => s + t.calls, 0) / steps).toFixed(0)} kernels/step`);
for (const [key, t] of rows.slice(0, 30)) console.log(`${(t.ms / steps).toFixed(3).padStart(8)} ms  ${String(t.calls / steps).padStart(4)}×  ${key}`);
