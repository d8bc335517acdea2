/**
 * Degenerate solutions are prevented and reported: a component that captures a single outlier
 * would shrink its variance to 0 and send the likelihood to +∞; the variance floor ε holds it at
 * ε and the run says so. Bad input gets an EmError naming what is wrong.
 */
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../../src/data/index.js';
import { EmError, runEm } from '../../../src/inference/em/index.js';
import { Rng } from '../../../src/runtime/rng.js';
import { compileModel, compileText, loadShipped } from '../helpers.js';
import { fitted, largestRelativeDrop } from './helpers.js';

const MIXTURE_1D = `
model outlier
dim K = 2
data x : real[1]
param weights : simplex[K]
param mu : real[K, 1]
param sigma : positive[K, 1]
latent c : category(K)
p(c) = Categorical(weights)
p(x | c) = Normal(mu[c], sigma[c])
`;

function withOutlier(): Dataset {
  const rng = new Rng(11);
  const values = Float32Array.from({ length: 41 }, (_, i) => (i < 40 ? rng.nextNormal() : 50));
  const spec = { name: 'x', kind: 'real' as const, kindArgs: [], shape: [1] };
  return { n: 41, columns: { x: { spec, values, rowShape: [1], rowSize: 1, dynamicBinarization: false, file: 'synthetic' } }, source: 'synthetic' };
}

describe('degenerate solutions', () => {
  it('holds a component that collapses onto one point at the variance floor and reports it', () => {
    const result = runEm(compileText(MIXTURE_1D), withOutlier(), { seed: 0, maxIters: 50, varianceFloor: 1e-4 });
    const { mu, sigma } = fitted(result.prepared.store);
    const lone = Math.abs(mu![0]! - 50) < Math.abs(mu![1]! - 50) ? 0 : 1;
    expect(mu![lone]).toBeCloseTo(50, 3);
    // σ² = (empirical variance 0) + ε.
    expect(sigma![lone]! ** 2).toBeCloseTo(1e-4, 6);
    expect(result.warnings.some((w) => /collapsed onto at most one point/.test(w) && /variance floor ε = 0.0001/.test(w))).toBe(true);
    expect(Number.isFinite(result.logLikTrace.at(-1)!)).toBe(true);
    expect(largestRelativeDrop(result.logLikTrace)).toBeLessThan(1e-6);
    result.prepared.store.dispose();
  });
});

describe('EM errors', () => {
  const faithful = () => {
    const graph = compileModel('models/gmm.vmodel');
    return { graph, data: loadShipped(graph, 'models/data/faithful.csv') };
  };

  it.each([
    [{ restarts: 0 }, /restarts must be a positive integer, got 0/],
    [{ maxIters: 2.5 }, /maxIters must be a positive integer, got 2.5/],
    [{ tolerance: -1 }, /tolerance must be a non-negative number, got -1/],
    [{ varianceFloor: 0 }, /varianceFloor must be positive, got 0/],
    [{ probabilityFloor: 0.7 }, /probabilityFloor must be in \(0, 0.5\), got 0.7/],
  ])('rejects the option %o', (bad, message) => {
    const { graph, data } = faithful();
    expect(() => runEm(graph, data, { seed: 0, ...bad })).toThrow(EmError);
    expect(() => runEm(graph, data, { seed: 0, ...bad })).toThrow(message);
  });

  it('rejects a per-row model parameter by name', () => {
    const graph = compileText(MIXTURE_1D.replace('param weights : simplex[K]', 'param weights : simplex[K]\nlocal param shift : real').replace('Normal(mu[c], sigma[c])', 'Normal(mu[c] + shift, sigma[c])'));
    expect(() => runEm(graph, withOutlier(), { seed: 0 })).toThrow(/'shift' is a per-row \(local\) parameter/);
  });

  it('rejects dynamically binarized data', () => {
    const graph = compileModel('models/bernoulli_mixture.vmodel');
    const data = loadShipped(graph, 'models/data/mnist-train-3k-images.idx.gz', { binarize: 'dynamic' });
    expect(() => runEm(graph, data, { seed: 0 })).toThrow(/'x' is binarized dynamically.*--binarize 0.5/);
  });
});
