/**
 * Workload 4: EM on a Gaussian mixture with K = 10 full-covariance components, N = 100,000 points
 * in D = 10 dimensions (deterministic synthetic data: ten well-separated clusters), seconds per
 * iteration (median over iterations after the first). With `--sklearn`, scikit-learn's
 * GaussianMixture runs on the very same numbers (written to a temporary file) right after.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runEm } from '../../src/inference/em/index.js';
import { compileSource } from '../../src/lang/compile.js';
import { Rng } from '../../src/runtime/rng.js';
import { median, peakRssMb, round, tensorsAlive } from '../harness.js';
import type { GenericResult } from './generic.js';

const N = 100_000;
const D = 10;
const K = 10;
const MODEL = `model gmm_bench
dim K = ${K}
dim D = ${D}
data x : real[D]
param weights : simplex[K]
param mu : real[K, D]
param L : cholesky[K, D]
latent c : category(K)
p(c) = Categorical(weights)
p(x | c) = MultivariateNormal(mu[c], scale_tril = L[c])
guide responsibilities {
  local param r : simplex[K]
  q(c) = Categorical(r)
}
`;

/** Ten clusters: means ~ N(0, 5² I), unit-scale noise with a random tilt per cluster. */
export function mixtureData(seed = 0): Float32Array {
  const rng = new Rng(seed);
  const means = Array.from({ length: K }, () => Array.from({ length: D }, () => 5 * rng.nextNormal()));
  const tilts = Array.from({ length: K }, () => Array.from({ length: D }, () => 0.5 + rng.nextDouble()));
  const x = new Float32Array(N * D);
  for (let n = 0; n < N; n++) {
    const k = n % K;
    let shared = rng.nextNormal();
    for (let d = 0; d < D; d++) {
      shared = 0.5 * shared + rng.nextNormal();
      x[n * D + d] = means[k]![d]! + tilts[k]![d]! * shared;
    }
  }
  return x;
}

export function runEmGmm(iterations: number, sklearn: boolean): GenericResult {
  const graph = compileSource({ path: 'gmm_bench.vmodel', text: MODEL }).graph!;
  const values = mixtureData();
  const data = {
    n: N,
    source: 'synthetic',
    columns: { x: { spec: { name: 'x', kind: 'real' as const, kindArgs: [], shape: [D] }, values, rowShape: [D], rowSize: D, dynamicBinarization: false, file: 'synthetic' } },
  };
  const tensorsBefore = tensorsAlive();
  const stamps: number[] = [];
  const result = runEm(graph, data, { seed: 0, maxIters: iterations, tolerance: 0, restarts: 1, onProgress: () => stamps.push(performance.now()) });
  const perIteration = stamps.slice(1).map((t, i) => (t - stamps[i]!) / 1000);
  const ours = median(perIteration.slice(1));
  const metrics: Record<string, number | null> = {
    seconds_per_iteration: round(ours, 4),
    iterations: result.logLikTrace.length,
    final_loglik_per_point: round(result.logLikTrace[result.logLikTrace.length - 1]!, 5),
  };
  const notes = [`E-step ${result.eStep}, M-step ${result.mStep}; ${result.seconds.toFixed(1)} s in all (including k-means++ initialization)`];
  if (sklearn) {
    const reference = runSklearn(values, iterations);
    metrics.sklearn_seconds_per_iteration = reference === null ? null : round(reference, 4);
    metrics.sklearn_over_ours = reference === null ? null : round(reference / ours, 2);
    if (reference === null) notes.push('scikit-learn reference unavailable (/usr/bin/python3 with sklearn is needed)');
  }
  result.prepared.store.dispose();
  return { kind: 'generic', metrics, notes, peakRssMb: peakRssMb(), tensorsBefore, tensorsAfter: tensorsAlive() };
}

/** scikit-learn's seconds per EM iteration on the same data (bench/reference/sklearn_gmm.py). */
function runSklearn(values: Float32Array, iterations: number): number | null {
  const python = '/usr/bin/python3';
  const script = join(import.meta.dirname, '..', 'reference', 'sklearn_gmm.py');
  if (!existsSync(python)) return null;
  const dir = mkdtempSync(join(tmpdir(), 'vmodel-bench-'));
  try {
    const file = join(dir, 'x.f32');
    writeFileSync(file, Buffer.from(values.buffer));
    const r = spawnSync(python, [script, file, String(N), String(D), String(K), String(iterations)], { encoding: 'utf8', env: { ...process.env, OMP_WAIT_POLICY: 'PASSIVE' } });
    const last = r.stdout.trim().split('\n').pop() ?? '';
    if (r.status !== 0 || !last.startsWith('{')) return null;
    return (JSON.parse(last) as { seconds_per_iteration: number }).seconds_per_iteration;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
