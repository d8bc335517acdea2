/**
 * Acceptance 4 of issue 5, at test size: models/bernoulli_mixture.vmodel (K = 10) runs by EM on
 * binarized MNIST images: the E-step enumerates c, the M-step is the closed-form weighted pixel
 * mean, the log-likelihood never decreases and equals a float64 recomputation from the fitted
 * parameters, the responsibilities land in the guide's per-row parameter, and the component means
 * form an image grid.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { subsetRows } from '../../../src/data/index.js';
import { runEm } from '../../../src/inference/em/index.js';
import { gridShape, imageGrid } from '../../../src/plot/index.js';
import { compileModel, loadShipped } from '../helpers.js';
import { fitted, largestRelativeDrop } from './helpers.js';

describe('EM for a mixture of Bernoullis on MNIST', () => {
  it('fits 10 components to 300 binarized images', () => {
    const graph = compileModel('models/bernoulli_mixture.vmodel');
    const all = loadShipped(graph, 'models/data/mnist-train-3k-images.idx.gz', { binarize: { threshold: 0.5 } });
    const data = subsetRows(all, Int32Array.from({ length: 300 }, (_, i) => i));
    const before = tf.memory().numTensors;
    const result = runEm(graph, data, { seed: 1, maxIters: 12, tolerance: 0 });

    expect(result.eStep).toBe('enumerate');
    expect(result.updates.map((u) => [u.param, u.kind])).toEqual([['pi', 'closed-form'], ['theta', 'closed-form']]);
    expect(result.logLikTrace).toHaveLength(12);
    expect(largestRelativeDrop(result.logLikTrace)).toBeLessThan(1e-6);
    expect(result.logLikTrace.at(-1)! - result.logLikTrace[0]!).toBeGreaterThan(10);

    const { pi, theta } = fitted(result.prepared.store);
    const [k, d, n] = [10, 784, data.n];
    expect(pi!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    // Clamped to [δ, 1 − δ] with the default δ = 1e-3 (float32 round trip through the logit).
    for (const t of theta!) expect(t).toBeGreaterThan(0.999e-3), expect(t).toBeLessThan(1 - 0.999e-3);

    // The last entry is log p(x | θ) / N at the fitted θ: recompute it in float64.
    const x = data.columns.x!.values;
    let total = 0;
    const terms = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < k; c++) {
        let s = Math.log(pi![c]!);
        for (let j = 0; j < d; j++) s += x[i * d + j] ? Math.log(theta![c * d + j]!) : Math.log1p(-theta![c * d + j]!);
        terms[c] = s;
      }
      const m = Math.max(...terms);
      total += m + Math.log(terms.reduce((a, t) => a + Math.exp(t - m), 0));
    }
    expect(Math.abs(total / n - result.logLikTrace.at(-1)!)).toBeLessThan(1e-4 * Math.abs(total / n));

    // q(c) = Categorical(r) in the saved fit holds the responsibilities: rows sum to 1.
    const r = result.prepared.store.localLayout('responsibilities.r');
    const rows = tf.tidy(() => r.transform.forward(result.prepared.store.local('responsibilities.r').gather(Int32Array.from([0, 1, 2]))).sum(1));
    for (const s of rows.dataSync()) expect(s).toBeCloseTo(1, 5);
    rows.dispose();

    const png = imageGrid(theta!, { ...gridShape(k), h: 28, w: 28 });
    expect(Array.from(png.slice(1, 4), (b) => String.fromCharCode(b)).join('')).toBe('PNG');

    result.prepared.store.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
