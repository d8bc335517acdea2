/**
 * The measurement behind the backend order, the dense kernel's gradient and the thread default:
 * initialization time of each available backend, GFLOP/s of the VAE's largest product (128×784 by
 * 784×400) with and without matMul's transpose flags, its wall time when the right operand is a
 * new tensor on every call (as in training) and, on WASM, on our own kernel; and the wall time of
 * one small kernel.
 *
 *   npx tsx bench/backend-probe.ts [--reps 20] [--threads 2]
 */
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { AUTO_ORDER, selectBackend, type BackendName } from '../src/runtime/backend.js';
import { fusedKernels } from '../src/runtime/wasm-kernels.js';
import { median, round } from './harness.js';

const { values } = parseArgs({ options: { reps: { type: 'string', default: '20' }, threads: { type: 'string', default: '1' } } });
const reps = Number(values.reps);
const threads = Number(values.threads);
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

/**
 * Median wall µs of one kernel over 5 rounds of `calls` (wall, not CPU: threads split the work).
 * For a small kernel this is its dispatch plus, with threads, the pool's wake-up.
 */
function wallMicros(f: () => tf.Tensor, calls: number): number {
  for (let i = 0; i < 10; i++) tf.tidy(() => void f().dataSync()[0]);
  const times: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) tf.tidy(() => void f());
    tf.tidy(() => void f().dataSync()[0]);
    times.push(((performance.now() - t0) / (calls + 1)) * 1000);
  }
  return round(median(times), 1);
}

const rows: Record<string, unknown>[] = [];
for (const name of [...AUTO_ORDER].reverse() as BackendName[]) {
  const t0 = performance.now();
  try {
    await selectBackend(name, { threads });
  } catch (e) {
    rows.push({ backend: name, available: false, reason: (e as Error).message });
    continue;
  }
  const initMs = round(performance.now() - t0, 1);
  const small = tf.randomNormal([400, 40], 0, 1, 'float32', 4);
  const x = tf.randomNormal([128, 784], 0, 1, 'float32', 1);
  const w = tf.randomNormal([784, 400], 0, 1, 'float32', 2);
  const dy = tf.randomNormal([128, 400], 0, 1, 'float32', 3);
  const n = name === 'cpu' ? Math.min(reps, 5) : reps;
  const ours = fusedKernels();
  rows.push({
    backend: name,
    available: true,
    threads: name === 'wasm' ? threads : 1,
    initMs,
    'x·W': gflops(() => tf.matMul(x, w), n),
    'dy·Wᵀ (transposeB flag)': gflops(() => tf.matMul(dy, w, false, true), n),
    'dy·transpose(W)': gflops(() => tf.matMul(dy, tf.transpose(w)), n),
    'xᵀ·dy (transposeA flag)': gflops(() => tf.matMul(x, dy, true, false), n),
    'transpose(x)·dy': gflops(() => tf.matMul(tf.transpose(x), dy), n),
    'x·W µs (wall)': wallMicros(() => tf.matMul(x, w), 20),
    // Training multiplies by a parameter Adam has just rewritten: a new tensor each step.
    'x·W µs, W a new tensor each call (wall, incl. making it)': wallMicros(() => tf.matMul(x, tf.add(w, 0)), 20),
    'making W alone µs (wall)': wallMicros(() => tf.add(w, 0), 20),
    ...(ours === undefined ? {} : { 'our kernel x·W µs (wall)': wallMicros(() => ours.matMul(x as tf.Tensor2D, w as tf.Tensor2D), 20) }),
    'square 400×40 µs (wall)': wallMicros(() => tf.square(small), 200),
  });
  tf.dispose([x, w, dy, small]);
}
console.log(JSON.stringify(rows, null, 2));
