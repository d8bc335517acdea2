/**
 * Acceptance 7: the same seed on the same backend gives the identical objective trace, another
 * seed a different one, and a training step leaks no tensors (a VAE-shaped model with networks,
 * minibatches and per-row mean-field parameters).
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/runtime/rng.js';
import { elbo, iwae } from '../../../src/inference/objectives/index.js';
import { runFit } from '../../../src/inference/fit/run-fit.js';
import { Svi } from '../../../src/inference/fit/svi.js';
import { prepare } from '../../../src/inference/setup.js';
import { compileText, memoryDataset } from '../helpers.js';

const graph = compileText(`
model tiny_vae
dim D = 6
dim K = 2
data x : real[D]
latent z : real[K]
net decoder = mlp(K -> 8 -> D, tanh)
p(z) = Normal(0, 1)
p(x | z) = Normal(decoder(z), 0.5)
guide enc {
  net encoder = mlp(D -> 8 -> 2*K, tanh)
  let h = encoder(x)
  q(z | x) = Normal(h[0:K], softplus(h[K:2*K]))
}
guide mf = meanfield
`);
const rng = new Rng(1);
const data = memoryDataset({ x: { values: Float32Array.from({ length: 60 * 6 }, () => rng.nextNormal()), rowShape: [6] } });
const run = (seed: number, guide: string) =>
  Array.from(runFit(graph, data, { method: 'svi', guide, objective: elbo({ samples: 2 }), batchSize: 16, maxSteps: 25, seed, lr: 1e-2, convergence: false }).trace);

describe('reproducibility and memory', () => {
  it('same seed → identical trace; different seed → different trace', () => {
    for (const guide of ['enc', 'mf']) {
      const a = run(7, guide);
      expect(run(7, guide)).toEqual(a);
      expect(run(8, guide)).not.toEqual(a);
      expect(a.every(Number.isFinite)).toBe(true);
    }
  });

  it.each([['enc', elbo({ samples: 3 })], ['mf', iwae(4)]] as const)('a training step of guide %s leaks no tensors', (guide, objective) => {
    const p = prepare(graph, data.n, 0, 'svi', guide);
    const svi = new Svi(p.parts, p.guide, p.store, data, { objective, optimizer: 'adam', lr: 1e-2, batchSize: 16, seed: 0, convergence: false });
    for (let i = 0; i < 3; i++) svi.next(); // optimizer slots are created lazily by some rules
    const before = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) svi.next();
    expect(tf.memory().numTensors).toBe(before);
  });
});
