/**
 * The matrix-product log-densities that recognized mixture components supply to the E-step give
 * the same responsibilities and log-likelihood as the generic evaluation of the factor.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { subsetRows } from '../../../src/data/index.js';
import { recognizeMixture } from '../../../src/inference/em/discrete-em.js';
import { discreteLatents, EnumeratedModel, type FactorKernel } from '../../../src/inference/em/enumerated-model.js';
import { prepare } from '../../../src/inference/setup.js';
import { modelParts } from '../../../src/inference/trace.js';
import { compileModel, loadShipped } from '../helpers.js';

describe.each([
  { model: 'models/gmm.vmodel', data: 'models/data/faithful.csv', rows: 272, options: {} },
  { model: 'models/bernoulli_mixture.vmodel', data: 'models/data/mnist-train-3k-images.idx.gz', rows: 50, options: { binarize: { threshold: 0.5 } } },
])('component log-density kernel of $model', ({ model, data, rows, options }) => {
  it('equals the generic factor evaluation', () => {
    const graph = compileModel(model);
    const dataset = subsetRows(loadShipped(graph, data, options), Int32Array.from({ length: rows }, (_, i) => i));
    const parts = modelParts(graph);
    const latents = discreteLatents(parts);
    if (typeof latents === 'string') throw new Error(latents);
    const prepared = prepare(graph, dataset.n, 3, 'em');
    const before = tf.memory().numTensors;
    const kernels = new Map<string, FactorKernel>();
    for (const u of recognizeMixture(parts, latents[0]!)) if (u.componentDensity) kernels.set(u.factor.id, { latent: latents[0]!.node.id, prepare: (store) => u.componentDensity!(store) });
    expect(kernels.size).toBe(2); // the mixture weights and the components
    const fast = new EnumeratedModel(parts, latents, dataset, kernels);
    const generic = new EnumeratedModel(parts, latents, dataset);
    const a = fast.eStep(prepared.store);
    const b = generic.eStep(prepared.store);
    expect(Math.abs(a.logLik - b.logLik)).toBeLessThan(1e-5 * Math.abs(b.logLik));
    const diff = tf.tidy(() => a.responsibilities.sub(b.responsibilities).abs().max().dataSync()[0]!);
    // log p(x, c) of an image sums 784 float32 terms (≈ −500 nats): the two summation orders differ
    // by ~1e-4 nats, which moves r = softmax(log p) by at most a quarter of that.
    expect(diff).toBeLessThan(5e-4);
    tf.dispose([a.responsibilities, b.responsibilities]);
    fast.dispose();
    generic.dispose();
    expect(tf.memory().numTensors).toBe(before);
    prepared.store.dispose();
  });
});
