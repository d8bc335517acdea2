/**
 * Acceptance 3: minibatch SVI targets the same objective as full-batch VI because local terms are
 * scaled by N/B. On a conjugate model (μ ~ N(0, 10²), x_i ~ N(μ, 2²), N = 1,000) both must find
 * the exact posterior N(m, s²); without the scaling the minibatch posterior would be √(N/B) ≈ 4.5
 * times too wide.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/runtime/rng.js';
import { elbo } from '../../../src/inference/objectives/index.js';
import { runFit } from '../../../src/inference/fit/run-fit.js';
import { compileText, memoryDataset } from '../helpers.js';

const graph = compileText(`
model normal_mean
data x : real
global latent mu : real
p(mu) = Normal(0, 10)
p(x | mu) = Normal(mu, 2)
guide mf = meanfield
`);
const rng = new Rng(5);
const n = 1000;
const xs = Float32Array.from({ length: n }, () => 3 + 2 * rng.nextNormal());
const data = memoryDataset({ x: { values: xs } });
const precision = 1 / 100 + n / 4;
const exactMean = Array.from(xs).reduce((a, b) => a + b, 0) / 4 / precision;
const exactSd = Math.sqrt(1 / precision);

function posterior(batchSize: number, steps: number) {
  const r = runFit(graph, data, {
    method: 'meanfield',
    objective: elbo({ samples: 8 }),
    batchSize,
    maxSteps: steps,
    lr: { kind: 'exponential', lr: 0.05, rate: 0.01, decaySteps: steps },
    seed: 2,
    convergence: false,
  });
  const loc = r.prepared.store.variable('mf/mu/loc').dataSync()[0]!;
  const scale = Math.log1p(Math.exp(r.prepared.store.variable('mf/mu/scale').dataSync()[0]!));
  return { loc, scale };
}

describe('minibatch SVI and full-batch VI reach the same posterior (N/B scaling)', () => {
  it('full batch and batches of 50 both match the exact posterior', () => {
    const full = posterior(n, 800);
    const mini = posterior(50, 1600);
    for (const q of [full, mini]) {
      expect(Math.abs(q.loc - exactMean)).toBeLessThan(0.25 * exactSd);
      expect(Math.abs(q.scale / exactSd - 1)).toBeLessThan(0.1);
    }
    expect(Math.abs(full.loc - mini.loc)).toBeLessThan(0.3 * exactSd);
  });
});
