/**
 * A linear-Gaussian model whose parameters match no closed form (the noise scale is written
 * exp(log_sigma)) keeps the exact Gaussian E-step and takes gradient M-steps on the exact
 * expected log joint: the log-likelihood never decreases and reaches the PPCA maximum likelihood
 * of Tipping & Bishop (σ² = mean of the discarded eigenvalues of S), computed here independently.
 */
import * as tf from '@tensorflow/tfjs';
import { eigs } from 'mathjs';
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../../src/data/index.js';
import { runEm } from '../../../src/inference/em/index.js';
import { Rng } from '../../../src/runtime/rng.js';
import { compileText } from '../helpers.js';
import { largestRelativeDrop } from './helpers.js';

const SOURCE = `
model ppca_log_scale
dim D = 4
dim K = 1
data x : real[D]
latent z : real[K]
param W : real[D, K]
param mu : real[D]
param log_sigma : real
p(z) = Normal(0, 1)
p(x | z) = Normal(W @ z + mu, exp(log_sigma))
`;

function synthetic(n: number, d: number): Dataset {
  const rng = new Rng(5);
  const w = [2, -1, 0.5, 1.5];
  const values = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    const z = rng.nextNormal();
    for (let j = 0; j < d; j++) values[i * d + j] = w[j]! * z + j + 0.5 * rng.nextNormal();
  }
  const spec = { name: 'x', kind: 'real' as const, kindArgs: [], shape: [d] };
  return { n, columns: { x: { spec, values, rowShape: [d], rowSize: d, dynamicBinarization: false, file: 'synthetic' } }, source: 'synthetic' };
}

function closedFormLogLik(data: Dataset, d: number, k: number): number {
  const x = data.columns.x!.values;
  const n = data.n;
  const mean = Array.from({ length: d }, (_, j) => Array.from({ length: n }, (_, i) => x[i * d + j]!).reduce((a, b) => a + b, 0) / n);
  const s = Array.from({ length: d }, (_, a) => Array.from({ length: d }, (_, b) => {
    let t = 0;
    for (let i = 0; i < n; i++) t += (x[i * d + a]! - mean[a]!) * (x[i * d + b]! - mean[b]!);
    return t / n;
  }));
  const ev = (eigs(s).values as unknown as number[]).slice().sort((p, q) => q - p);
  const sigma2 = ev.slice(k).reduce((a, b) => a + b, 0) / (d - k);
  return -0.5 * (d * Math.log(2 * Math.PI) + ev.slice(0, k).reduce((a, b) => a + Math.log(b), 0) + (d - k) * Math.log(sigma2) + d);
}

describe('generalized EM with an exact Gaussian E-step', () => {
  it('reaches the PPCA maximum likelihood by gradient M-steps', () => {
    const graph = compileText(SOURCE);
    const data = synthetic(300, 4);
    const before = tf.memory().numTensors;
    const result = runEm(graph, data, { seed: 0, maxIters: 40, tolerance: 1e-10, gradientSteps: 30, gradientLr: 0.05 });
    expect(result.eStep).toBe('linear-gaussian');
    expect(result.mStep).toBe('gradient');
    expect(result.notes.join(' ')).toMatch(/generalized EM/);
    expect(largestRelativeDrop(result.logLikTrace)).toBeLessThan(1e-7);
    expect(Math.abs(result.logLikTrace.at(-1)! - closedFormLogLik(data, 4, 1))).toBeLessThan(1e-3);
    result.prepared.store.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
