/**
 * Generalized EM: a mixture whose components share one scale σ is not a recognized pattern, so
 * μ and σ are updated by gradient ascent on Q (the weights keep their closed form). The
 * log-likelihood still never decreases, and the fixed point is the one a float64 EM with the
 * exact M-step for this model reaches:
 *   μ_k = Σ r x / N_k,   σ² = Σ_k Σ_n r_kn ‖x_n − μ_k‖² / (N D).
 * A prior on σ turns the objective into the log posterior (MAP-EM).
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { runEm } from '../../../src/inference/em/index.js';
import { compileText, loadShipped } from '../helpers.js';
import { fitted, largestRelativeDrop, rowsOf } from './helpers.js';

const SHARED_SCALE = `
model shared
dim K = 2
dim D = 2
data x : real[D]
param weights : simplex[K]
param mu : real[K, D]
param sigma : positive
latent c : category(K)
p(c) = Categorical(weights)
p(x | c) = Normal(mu[c], sigma)
`;

/** Exact EM for the shared-scale mixture in float64: the reference fixed point. */
function referenceEm(x: Float64Array[], mu0: number[][], iters: number) {
  const n = x.length;
  let mu = mu0.map((m) => [...m]);
  let w = [0.5, 0.5];
  let s2 = 1;
  let ll = 0;
  for (let it = 0; it < iters; it++) {
    const r = x.map((row) => {
      const lp = mu.map((m, k) => Math.log(w[k]!) - Math.log(2 * Math.PI * s2) - ((row[0]! - m[0]!) ** 2 + (row[1]! - m[1]!) ** 2) / (2 * s2));
      const top = Math.max(...lp);
      const z = top + Math.log(lp.reduce((a, v) => a + Math.exp(v - top), 0));
      return { post: lp.map((v) => Math.exp(v - z)), z };
    });
    ll = r.reduce((a, v) => a + v.z, 0) / n;
    const nk = [0, 1].map((k) => r.reduce((a, v) => a + v.post[k]!, 0));
    w = nk.map((c) => c / n);
    mu = [0, 1].map((k) => [0, 1].map((d) => r.reduce((a, v, i) => a + v.post[k]! * x[i]![d]!, 0) / nk[k]!));
    s2 = r.reduce((a, v, i) => a + [0, 1].reduce((b, k) => b + v.post[k]! * ((x[i]![0]! - mu[k]![0]!) ** 2 + (x[i]![1]! - mu[k]![1]!) ** 2), 0), 0) / (2 * n);
  }
  return ll;
}

describe('generalized EM', () => {
  it('raises the likelihood by gradient where no closed form is recognized and reaches the exact EM fixed point', () => {
    const graph = compileText(SHARED_SCALE);
    const data = loadShipped(graph, 'models/data/faithful.csv');
    const before = tf.memory().numTensors;
    const result = runEm(graph, data, { seed: 2, maxIters: 150, tolerance: 1e-9, gradientSteps: 30, gradientLr: 0.05 });
    expect(result.exactEStep).toBe(true);
    expect(result.mStep).toBe('mixed');
    expect(result.updates.find((u) => u.param === 'weights')?.kind).toBe('closed-form');
    expect(result.updates.find((u) => u.param === 'mu')?.kind).toBe('gradient');
    expect(result.updates.find((u) => u.param === 'sigma')?.kind).toBe('gradient');
    expect(largestRelativeDrop(result.logLikTrace)).toBeLessThan(1e-6);

    const x = rowsOf(data.columns.x!.values, data.n, 2);
    const reference = referenceEm(x, [[-1, -1], [1, 1]], 500);
    expect(Math.abs(result.logLikTrace.at(-1)! - reference)).toBeLessThan(1e-3);
    result.prepared.store.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('maximizes the log posterior when a parameter has a prior (MAP-EM)', () => {
    const graph = compileText(SHARED_SCALE.replace('p(c) = Categorical(weights)', 'p(sigma) = LogNormal(0, 0.5)\np(c) = Categorical(weights)'));
    const data = loadShipped(graph, 'models/data/faithful.csv');
    const before = tf.memory().numTensors;
    const result = runEm(graph, data, { seed: 2, maxIters: 12, tolerance: 1e-9, gradientSteps: 15 });
    expect(result.objective).toBe('log-posterior');
    expect(result.notes.join(' ')).toMatch(/MAP-EM/);
    expect(largestRelativeDrop(result.logLikTrace)).toBeLessThan(1e-6);
    // The objective is (log p(x | θ) + log p(σ)) / N at the fitted θ, recomputed here in float64.
    const p = fitted(result.prepared.store);
    const map = p.sigma![0]!;
    const x = rowsOf(data.columns.x!.values, data.n, 2);
    let logLik = 0;
    for (const row of x) {
      let density = 0;
      for (let k = 0; k < 2; k++) density += p.weights![k]! * Math.exp(-((row[0]! - p.mu![2 * k]!) ** 2 + (row[1]! - p.mu![2 * k + 1]!) ** 2) / (2 * map * map)) / (2 * Math.PI * map * map);
      logLik += Math.log(density);
    }
    const logPrior = -Math.log(map * 0.5 * Math.sqrt(2 * Math.PI)) - Math.log(map) ** 2 / (2 * 0.25);
    expect(Math.abs(result.logLikTrace.at(-1)! - (logLik + logPrior) / data.n)).toBeLessThan(1e-5);
    // Both component means moved onto the two clusters (standardized data: near ∓1 on each axis).
    expect([p.mu![0]!, p.mu![2]!].sort((a, b) => a - b).map(Math.round)).toEqual([-1, 1]);
    result.prepared.store.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const ml = runEm(compileText(SHARED_SCALE), data, { seed: 2, maxIters: 12, tolerance: 1e-9, gradientSteps: 15 });
    const mlSigma = fitted(ml.prepared.store).sigma![0]!;
    ml.prepared.store.dispose();
    // The prior pulls σ toward 1 (its median) relative to the maximum-likelihood σ.
    expect(mlSigma).toBeLessThan(1);
    expect(map).toBeGreaterThan(mlSigma);
  });
});
