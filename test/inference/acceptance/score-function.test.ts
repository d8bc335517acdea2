/**
 * Acceptance 4: with a Bernoulli latent, enumeration gives the exact ELBO, and the score-function
 * gradient (drawn samples, leave-one-out baseline) agrees with the exact gradient by enumeration
 * within Monte Carlo error.
 *
 *   c ~ Bernoulli(0.3), x | c ~ N(3c − 1, 1);  q(c) = Bernoulli(p) with one global p.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/runtime/rng.js';
import { elbo } from '../../../src/inference/objectives/index.js';
import { prepare } from '../../../src/inference/setup.js';
import { trace } from '../../../src/inference/trace.js';
import { wholeBatch } from '../../../src/inference/fit/epoch-cursor.js';
import { estimateElbo } from '../../../src/inference/evaluate/elbo-estimate.js';
import { compileText, memoryDataset } from '../helpers.js';

const graph = compileText(`
model bernoulli_latent
data x : real
latent c : binary
p(c) = Bernoulli(probs = 0.3)
p(x | c) = Normal(3 * c - 1, 1)
guide g {
  param prob : unit = 0.6
  q(c) = Bernoulli(probs = prob)
}
`);
const xs = Float32Array.of(-1.2, 0.4, 2.1, 1.7, -0.3);
const data = memoryDataset({ x: { values: xs } });
const batch = wholeBatch(data);

/** The exact ELBO Σ_i Σ_c q(c)[log p(c) + log p(x_i | c) − log q(c)] for q(c = 1) = p. */
function exactElbo(p: number): number {
  const logNormal = (x: number, m: number) => -0.5 * Math.log(2 * Math.PI) - 0.5 * (x - m) ** 2;
  let total = 0;
  for (const x of xs) {
    for (const [c, q, prior] of [[1, p, 0.3], [0, 1 - p, 0.7]] as const) total += q * (Math.log(prior) + logNormal(x, 3 * c - 1) - Math.log(q));
  }
  return total;
}

function gradientOfLoss(prepared: ReturnType<typeof prepare>, samples: number, enumerate: boolean, seed: number): number {
  const v = prepared.store.variable('g.prob');
  const objective = elbo({ samples });
  const rng = new Rng(seed);
  const { grads, value } = tf.variableGrads(() => {
    const t = trace(prepared.parts, prepared.guide, prepared.store, batch, {
      samples, rng, dataSize: data.n, enumeration: 'expect', analyticKL: false, enumerate, localRows: () => { throw new Error('no local params'); },
    });
    return objective.evaluate(t.terms, 0).loss;
  }, [v]);
  const g = grads[v.name]!.dataSync()[0]!;
  tf.dispose([value, ...Object.values(grads)]);
  return g;
}

describe('discrete latents: enumeration is exact; the score-function gradient agrees with it', () => {
  const prepared = prepare(graph, data.n, 0, 'svi', 'g');
  const p = 0.6;
  const u = Math.log(p / (1 - p)); // the unconstrained (logit) value of p

  it('uses enumeration by default and the enumerated ELBO equals the exact ELBO', () => {
    expect(prepared.guide.plan()[0]!.estimator).toBe('enumerate');
    const e = estimateElbo(prepared, data, { samples: 1, seed: 0 });
    expect(e.perRow * data.n).toBeCloseTo(exactElbo(p), 4);
  });

  it('the enumerated gradient equals the analytic derivative of the exact ELBO', () => {
    const h = 1e-5;
    // d ELBO / d u = d ELBO / d p · p (1 − p) for the sigmoid-transformed parameter.
    const dElboDu = ((exactElbo(p + h) - exactElbo(p - h)) / (2 * h)) * p * (1 - p);
    expect(-gradientOfLoss(prepared, 1, true, 0)).toBeCloseTo(dElboDu, 3);
    expect(u).toBeCloseTo(Array.from(prepared.store.variable('g.prob').dataSync())[0]!, 5);
  });

  it('the score-function estimate agrees with the exact gradient within Monte Carlo error', () => {
    const exact = -gradientOfLoss(prepared, 1, true, 0);
    const estimates = Array.from({ length: 12 }, (_, i) => -gradientOfLoss(prepared, 500, false, 100 + i));
    const mean = estimates.reduce((a, b) => a + b, 0) / estimates.length;
    const se = Math.sqrt(estimates.reduce((a, b) => a + (b - mean) ** 2, 0) / (estimates.length - 1) / estimates.length);
    expect(se).toBeGreaterThan(0); // it really is a noisy estimate
    expect(Math.abs(mean - exact)).toBeLessThan(4 * se);
  });
});
