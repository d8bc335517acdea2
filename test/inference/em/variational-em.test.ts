/**
 * With no exact E-step (a latent seen through tanh), EM says so and runs variational EM: the
 * reported objective is the ELBO, which rises over the run and stays below the exact
 * log-likelihood at the fitted θ (computed here by quadrature over the one-dimensional latent).
 */
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../../src/data/index.js';
import { runEm } from '../../../src/inference/em/index.js';
import { Rng } from '../../../src/runtime/rng.js';
import { compileText } from '../helpers.js';
import { fitted } from './helpers.js';

const SOURCE = `
model squashed
dim D = 3
data x : real[D]
latent z : real
param a : real[D]
param b : real[D]
param s : positive = 1
p(z) = Normal(0, 1)
p(x | z) = Normal(a * tanh(z) + b, s)
guide mf = meanfield
`;

function synthetic(n: number): Dataset {
  const rng = new Rng(7);
  const values = new Float32Array(n * 3);
  const [a, b] = [[2, -1, 0.5], [0.5, 0, -1]];
  for (let i = 0; i < n; i++) {
    const t = Math.tanh(rng.nextNormal());
    for (let j = 0; j < 3; j++) values[i * 3 + j] = a[j]! * t + b[j]! + 0.3 * rng.nextNormal();
  }
  const spec = { name: 'x', kind: 'real' as const, kindArgs: [], shape: [3] };
  return { n, columns: { x: { spec, values, rowShape: [3], rowSize: 3, dynamicBinarization: false, file: 'synthetic' } }, source: 'synthetic' };
}

/** (1/N) Σ_n log ∫ N(z | 0, 1) Π_d N(x_nd | a_d tanh z + b_d, s) dz on a fine grid, in float64. */
function exactLogLik(data: Dataset, a: Float64Array, b: Float64Array, s: number): number {
  const x = data.columns.x!.values;
  const h = 0.005;
  const grid = Array.from({ length: 3201 }, (_, i) => -8 + i * h);
  let total = 0;
  for (let n = 0; n < data.n; n++) {
    const terms = grid.map((z) => {
      let lp = -0.5 * z * z - 0.5 * Math.log(2 * Math.PI);
      for (let d = 0; d < 3; d++) lp += -0.5 * ((x[n * 3 + d]! - a[d]! * Math.tanh(z) - b[d]!) / s) ** 2 - Math.log(s) - 0.5 * Math.log(2 * Math.PI);
      return lp;
    });
    const m = Math.max(...terms);
    total += m + Math.log(terms.reduce((acc, t) => acc + Math.exp(t - m), 0) * h);
  }
  return total / data.n;
}

describe('variational EM', () => {
  it('maximizes the ELBO, a bound below the exact log-likelihood, when no exact E-step exists', () => {
    const graph = compileText(SOURCE);
    const data = synthetic(200);
    const result = runEm(graph, data, { seed: 0, maxIters: 15, guide: 'mf', variationalSteps: 30, gradientLr: 0.05 });
    expect(result.eStep).toBe('variational');
    expect(result.exactEStep).toBe(false);
    expect(result.objective).toBe('elbo');
    expect(result.mStep).toBe('gradient');
    expect(result.notes[0]).toMatch(/^no exact E-step: .*the mean of 'x' is not affine in 'z'/);
    expect(result.notes.join(' ')).toMatch(/lower bound on log p\(x \| θ\)/);
    const trace = result.logLikTrace;
    expect(trace.at(-1)! - trace[0]!).toBeGreaterThan(1);
    const p = fitted(result.prepared.store);
    const exact = exactLogLik(data, p.a!, p.b!, p.s![0]!);
    // The bound sits below the likelihood; 0.02 nats of slack covers the Monte Carlo estimate.
    expect(trace.at(-1)!).toBeLessThan(exact + 0.02);
    expect(trace.at(-1)!).toBeGreaterThan(exact - 0.3);
    result.prepared.store.dispose();
  });
});
