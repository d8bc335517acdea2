/**
 * Acceptance 2: on a linear-Gaussian latent model, z ~ N(0, 1), x | z ~ N(2z + 1, 0.5), the
 * marginal is exact: x ~ N(1, 2² + 0.5²). IWAE-1 is the ELBO on the same draws; the bounds
 * increase with k toward log p(x); IWAE-5000 is within 0.05 nats of the exact value.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/runtime/rng.js';
import { elbo, iwae } from '../../../src/inference/objectives/index.js';
import { estimateLogLikelihood } from '../../../src/inference/evaluate/log-likelihood.js';
import { runFit } from '../../../src/inference/fit/run-fit.js';
import { evaluationTrace } from '../../../src/inference/evaluate/evaluation-trace.js';
import { wholeBatch } from '../../../src/inference/fit/epoch-cursor.js';
import { compileText, memoryDataset } from '../helpers.js';

const graph = compileText(`
model linear_gaussian
data x : real
latent z : real
p(z) = Normal(0, 1)
p(x | z) = Normal(2 * z + 1, 0.5)
guide mf = meanfield
`);
const rng = new Rng(3);
const n = 200;
const xs = Float32Array.from({ length: n }, () => 1 + Math.sqrt(4.25) * rng.nextNormal());
const data = memoryDataset({ x: { values: xs } });
const exactLogPx = Array.from(xs).reduce((s, x) => s - 0.5 * Math.log(2 * Math.PI * 4.25) - ((x - 1) ** 2) / (2 * 4.25), 0) / n;

// A briefly fitted mean-field guide: close to, but not exactly, the posterior N((2x−2)/(4+0.25)·…).
const fitted = runFit(graph, data, { method: 'meanfield', objective: elbo({ samples: 4 }), maxSteps: 300, seed: 1, convergence: false });

describe('importance-weighted bounds on a linear-Gaussian model with exact log p(x)', () => {
  it('IWAE-1 equals the ELBO computed from the same draws', () => {
    tf.tidy(() => {
      const t = evaluationTrace(fitted.prepared, wholeBatch(data), n, { samples: 1, rng: new Rng(9), enumeration: 'marginalize', analyticKL: false });
      const a = elbo().evaluate(t.terms, 0).value.dataSync()[0]!;
      const b = iwae(1).evaluate(t.terms, 0).value.dataSync()[0]!;
      expect(b).toBeCloseTo(a, 2); // float32 sums of ~200 terms of size ~1
      expect(Math.abs(b - a) / Math.abs(a)).toBeLessThan(1e-5);
    });
  });

  it('L_1 ≤ L_5 ≤ L_50 ≤ log p(x) within Monte Carlo error, and IWAE-5000 is within 0.05 nats of log p(x)', () => {
    const bound = (k: number) => estimateLogLikelihood(fitted.prepared, data, { k, seed: 11 });
    const [l1, l5, l50, l5000] = [1, 5, 50, 5000].map(bound);
    const le = (a: { perRow: number; standardError: number }, b: { perRow: number; standardError: number }) =>
      expect(a.perRow).toBeLessThanOrEqual(b.perRow + 3 * Math.hypot(a.standardError, b.standardError) / Math.sqrt(n));
    le(l1!, l5!);
    le(l5!, l50!);
    expect(l50!.perRow).toBeLessThanOrEqual(exactLogPx + 1e-3);
    // The guide is not exact, so the bounds are strictly increasing here, and by more than noise.
    expect(l5!.perRow - l1!.perRow).toBeGreaterThan(0);
    expect(Math.abs(l5000!.perRow - exactLogPx)).toBeLessThan(0.05);
  });
});
