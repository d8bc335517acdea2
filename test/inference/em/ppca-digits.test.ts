/**
 * Acceptance 3 of issue 5: EM on models/ppca.vmodel (probabilistic PCA) on the 64-dimensional
 * digits converges to Tipping & Bishop's closed-form maximum-likelihood solution, for 2 and 10
 * latent dimensions. The closed form is computed here, independently of the engine: with
 * λ_1 ≥ … ≥ λ_D the eigenvalues of the sample covariance S (1/N),
 *
 *   σ²_ML = mean of λ_{K+1..D},   ℓ_ML / N = −½ [D log 2π + Σ_{j≤K} log λ_j + (D − K) log σ²_ML + D].
 */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { eigs } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { runEm } from '../../../src/inference/em/index.js';
import { compileText, loadShipped } from '../helpers.js';
import { fitted, largestRelativeDrop } from './helpers.js';

function sampleCovarianceEigenvalues(x: ArrayLike<number>, n: number, d: number): number[] {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += x[i * d + j]! / n;
  const s = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < d; a++) {
      const da = x[i * d + a]! - mean[a]!;
      for (let b = 0; b < d; b++) s[a]![b]! += (da * (x[i * d + b]! - mean[b]!)) / n;
    }
  }
  return (eigs(s).values as unknown as number[]).slice().sort((p, q) => q - p);
}

describe('EM for probabilistic PCA on digits', () => {
  const source = readFileSync('models/ppca.vmodel', 'utf8');
  let eigenvalues: number[] | undefined;

  it.each([2, 10])('reaches the closed-form maximum likelihood with K = %i', (k) => {
    const graph = compileText(source.replace(/dim K = 2\b/, `dim K = ${k}`), 'models/ppca.vmodel');
    const data = loadShipped(graph, 'models/data/digits.csv');
    const d = 64;
    eigenvalues ??= sampleCovarianceEigenvalues(data.columns.x!.values, data.n, d);
    const sigma2 = eigenvalues.slice(k).reduce((a, b) => a + b, 0) / (d - k);
    const closedForm = -0.5 * (d * Math.log(2 * Math.PI) + eigenvalues.slice(0, k).reduce((a, b) => a + Math.log(b), 0) + (d - k) * Math.log(sigma2) + d);

    const before = tf.memory().numTensors;
    const result = runEm(graph, data, { seed: 0, tolerance: 1e-12, maxIters: 3000 });
    expect(result.eStep).toBe('linear-gaussian');
    expect(result.exactEStep).toBe(true);
    expect(result.mStep).toBe('closed-form');
    expect(result.converged).toBe(true);
    expect(Math.abs(result.logLikTrace.at(-1)! - closedForm)).toBeLessThan(1e-4);
    // Acceptance 1: the log-likelihood (computed in float64) never decreases.
    expect(largestRelativeDrop(result.logLikTrace)).toBeLessThan(1e-9);
    const p = fitted(result.prepared.store);
    expect(p.sigma![0]! ** 2).toBeCloseTo(sigma2, 3);
    result.prepared.store.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
