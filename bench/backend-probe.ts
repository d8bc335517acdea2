/**
 * The measurement behind the backend order and the dense kernel's gradient: initialization time
 * of each available backend, and GFLOP/s of the VAE's largest product (128×784 by 784×400) with
 * and without matMul's transpose flags.
 *
 *   npx tsx bench/backend-probe.ts [--reps 20]
 */
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { AUTO_ORDER, selectBackend, type BackendName } from '../src/runtime/backend.js';
import { median, round } from './harness.js';

const { values } = parseArgs({ options: { reps: { type: 'string', default: '20' } } });
const reps = Number(values.reps);
const FLOP = 2 * 128 * 784 * 400;

/** Median GFLOP/s (by process CPU time, robust to neighbours) of `f` over `reps` calls, after 3 warm-ups. */
function gflops(f: () => tf.Tensor, n: number): number {
  // Read one element to be sure the kernel ran; never return a TypedArray from tf.tidy (it walks every element).
  const run = (): void => tf.tidy(() => void f().dataSync()[0]);
  for (let i = 0; i < 3; i++) run();
  const rates: number[] = [];
  for (let i = 0; i < n; i++) {
    const c0 = process.cpuUsage();
    run();
    const c = process.cpuUsage(c0);
    rates.push(FLOP / ((c.user + c.system) * 1e3));
  }
  return round(median(rates), 2);
}

const rows: Record<string, unknown>[] = [];
for (const name of [...AUTO_ORDER].reverse() as BackendName[]) {
  const t0 = performance.now();
  try {
    await selectBackend(name);
  } catch (e) {
    rows.push({ backend: name, available: false, reason: (e as Error).message });
    continue;
  }
  const initMs = round(performance.now() - t0, 1);
  const x = tf.randomNormal([128, 784], 0, 1, 'float32', 1);
  const w = tf.randomNormal([784, 400], 0, 1, 'float32', 2);
  const dy = tf.randomNormal([128, 400], 0, 1, 'float32', 3);
  const n = name === 'cpu' ? Math.min(reps, 5) : reps;
  rows.push({
    backend: name,
    available: true,
    initMs,
    'x·W': gflops(() => tf.matMul(x, w), n),
    'dy·Wᵀ (transposeB flag)': gflops(() => tf.matMul(dy, w, false, true), n),
    'dy·transpose(W)': gflops(() => tf.matMul(dy, tf.transpose(w)), n),
    'xᵀ·dy (transposeA flag)': gflops(() => tf.matMul(x, dy, true, false), n),
    'transpose(x)·dy': gflops(() => tf.matMul(tf.transpose(x), dy), n),
  });
  tf.dispose([x, w, dy]);
}
console.log(JSON.stringify(rows, null, 2));
