/**
 * A product of discrete latents (a ∈ {0, 1, 2}, b ∈ {0, 1}) is enumerated jointly: 6 values per
 * row on one axis. The log-likelihood EM reports equals a float64 sum over the 6 joint values at
 * the fitted parameters, and it never decreases. Each latent's weights have their closed form
 * (from that latent's marginal responsibilities); the shared mean needs the gradient M-step.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../../src/data/index.js';
import { runEm } from '../../../src/inference/em/index.js';
import { Rng } from '../../../src/runtime/rng.js';
import { compileText } from '../helpers.js';
import { fitted, largestRelativeDrop } from './helpers.js';

const SOURCE = `
model additive
data y : real
param pa : simplex[3]
param pb : simplex[2]
param ma : real[3]
param mb : real[2]
latent a : category(3)
latent b : category(2)
p(a) = Categorical(pa)
p(b) = Categorical(pb)
p(y | a, b) = Normal(ma[a] + mb[b], 0.5)
`;

function synthetic(n: number): Dataset {
  const rng = new Rng(3);
  const values = Float32Array.from({ length: n }, () => [-3, 0, 3][Math.floor(rng.nextDouble() * 3)]! + [0, 1.2][rng.nextDouble() < 0.3 ? 1 : 0]! + 0.5 * rng.nextNormal());
  const spec = { name: 'y', kind: 'real' as const, kindArgs: [], shape: [] };
  return { n, columns: { y: { spec, values, rowShape: [], rowSize: 1, dynamicBinarization: false, file: 'synthetic' } }, source: 'synthetic' };
}

describe('EM over a product of discrete latents', () => {
  it('enumerates the 6 joint values and reports the exact log-likelihood', () => {
    const data = synthetic(300);
    const before = tf.memory().numTensors;
    const result = runEm(compileText(SOURCE), data, { seed: 1, maxIters: 15, gradientSteps: 20 });
    expect(result.eStep).toBe('enumerate');
    expect(result.notes[0]).toMatch(/'a', 'b' \(6 values per row\)/);
    expect(Object.fromEntries(result.updates.map((u) => [u.param, u.kind]))).toEqual({ pa: 'closed-form', pb: 'closed-form', ma: 'gradient', mb: 'gradient' });
    expect(largestRelativeDrop(result.logLikTrace)).toBeLessThan(1e-6);
    expect(result.logLikTrace.at(-1)! - result.logLikTrace[0]!).toBeGreaterThan(0.1);

    const { pa, pb, ma, mb } = fitted(result.prepared.store);
    let total = 0;
    for (const y of data.columns.y!.values) {
      let p = 0;
      for (let i = 0; i < 3; i++) for (let j = 0; j < 2; j++) p += pa![i]! * pb![j]! * Math.exp(-0.5 * ((y - ma![i]! - mb![j]!) / 0.5) ** 2) / (0.5 * Math.sqrt(2 * Math.PI));
      total += Math.log(p);
    }
    expect(Math.abs(total / data.n - result.logLikTrace.at(-1)!)).toBeLessThan(1e-5);
    result.prepared.store.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('uses each latent\'s closed forms and kernels inside the joint enumeration', () => {
    const graph = compileText(`
model two_mixtures
dim D = 6
data x : binary[D]
data y : real[1]
param pc : simplex[3]
param theta : unit[3, D]
param pb : simplex[2]
param mu : real[2, 1]
param s : positive[2, 1]
latent c : category(3)
latent b : category(2)
p(c) = Categorical(pc)
p(b) = Categorical(pb)
p(x | c) = Bernoulli(probs = theta[c])
p(y | b) = Normal(mu[b], s[b])
`);
    const rng = new Rng(9);
    const n = 200;
    const x = Float32Array.from({ length: n * 6 }, (_, i) => (rng.nextDouble() < (Math.floor(i / 6) % 3 === 0 ? 0.8 : 0.2) ? 1 : 0));
    const y = Float32Array.from({ length: n }, (_, i) => (i % 2 ? 2 : -2) + 0.5 * rng.nextNormal());
    const column = (name: string, kind: 'binary' | 'real', values: Float32Array, d: number) => ({ spec: { name, kind, kindArgs: [], shape: [d] }, values, rowShape: [d], rowSize: d, dynamicBinarization: false, file: 'synthetic' });
    const data: Dataset = { n, columns: { x: column('x', 'binary', x, 6), y: column('y', 'real', y, 1) }, source: 'synthetic' };
    const result = runEm(graph, data, { seed: 0, maxIters: 30, tolerance: 1e-9 });
    expect(result.mStep).toBe('closed-form');
    expect(largestRelativeDrop(result.logLikTrace)).toBeLessThan(1e-6);
    const p = fitted(result.prepared.store);
    let total = 0;
    for (let i = 0; i < n; i++) {
      let px = 0;
      for (let c = 0; c < 3; c++) {
        let l = p.pc![c]!;
        for (let j = 0; j < 6; j++) l *= x[i * 6 + j] ? p.theta![c * 6 + j]! : 1 - p.theta![c * 6 + j]!;
        px += l;
      }
      let py = 0;
      for (let b = 0; b < 2; b++) py += p.pb![b]! * Math.exp(-0.5 * ((y[i]! - p.mu![b]!) / p.s![b]!) ** 2) / (p.s![b]! * Math.sqrt(2 * Math.PI));
      total += Math.log(px) + Math.log(py);
    }
    expect(Math.abs(total / n - result.logLikTrace.at(-1)!)).toBeLessThan(1e-5);
    // The two halves of y are found: component means near ±2.
    expect([p.mu![0]!, p.mu![1]!].sort((u, v) => u - v).map((m) => Math.round(m))).toEqual([-2, 2]);
    result.prepared.store.dispose();
  });
});

describe('EM with a binary latent', () => {
  it('updates p(b) = Bernoulli(π) in closed form', () => {
    const graph = compileText(`
model switch
data y : real[1]
param pi : unit
param mu : real[2, 1]
param s : positive[2, 1]
latent b : binary
p(b) = Bernoulli(pi)
p(y | b) = Normal(mu[b], s[b])
`);
    const rng = new Rng(4);
    const n = 300;
    const y = Float32Array.from({ length: n }, () => (rng.nextDouble() < 0.25 ? 3 : 0) + rng.nextNormal());
    const data: Dataset = { n, columns: { y: { spec: { name: 'y', kind: 'real', kindArgs: [], shape: [1] }, values: y, rowShape: [1], rowSize: 1, dynamicBinarization: false, file: 'synthetic' } }, source: 'synthetic' };
    const result = runEm(graph, data, { seed: 0, maxIters: 100, tolerance: 1e-9 });
    expect(result.mStep).toBe('closed-form');
    expect(largestRelativeDrop(result.logLikTrace)).toBeLessThan(1e-6);
    const p = fitted(result.prepared.store);
    let total = 0;
    for (const v of y) {
      const dens = [0, 1].map((b) => Math.exp(-0.5 * ((v - p.mu![b]!) / p.s![b]!) ** 2) / (p.s![b]! * Math.sqrt(2 * Math.PI)));
      total += Math.log((1 - p.pi![0]!) * dens[0]! + p.pi![0]! * dens[1]!);
    }
    expect(Math.abs(total / n - result.logLikTrace.at(-1)!)).toBeLessThan(1e-5);
    result.prepared.store.dispose();
  });
});
