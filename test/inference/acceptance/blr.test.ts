/**
 * Acceptance 1: Bayesian linear regression with known noise is conjugate, so the exact posterior
 * over (w, b) is Gaussian (models/data/blr-posterior.json, computed in closed form by
 * models/data/scripts/make_data.py). Full-rank VI must recover its mean and covariance; mean-field
 * VI its mean and the mean-field variances 1 / diag(precision) (the KL(q‖p)-optimal factorized fit).
 */
import { readFileSync } from 'node:fs';
import * as math from 'mathjs';
import { describe, expect, it } from 'vitest';
import { elbo } from '../../../src/inference/objectives/index.js';
import { runFit } from '../../../src/inference/fit/run-fit.js';
import { compileModel, loadShipped } from '../helpers.js';

const exact = JSON.parse(readFileSync('models/data/blr-posterior.json', 'utf8')) as { posterior_mean: number[]; posterior_cov: number[][] };
const graph = compileModel('models/blr.vmodel');
const data = loadShipped(graph, 'models/data/blr.csv');
const sd = exact.posterior_cov.map((row, i) => Math.sqrt(row[i]!));

function fit(method: 'fullrank' | 'meanfield') {
  // 1,500 steps of 16 draws, Adam (β₂ = 0.9) from 0.05 decaying 200-fold: converged well inside the tolerances.
  return runFit(graph, data, {
    method,
    objective: elbo({ samples: 16 }),
    lr: { kind: 'exponential', lr: 0.05, rate: 0.005, decaySteps: 1500 },
    maxSteps: 1500,
    seed: 0,
    convergence: false,
  });
}

const frobenius = (a: number[][]) => Math.sqrt(a.flat().reduce((s, v) => s + v * v, 0));

describe('Bayesian linear regression (conjugate): VI against the exact posterior', () => {
  it('full-rank VI recovers the posterior mean and covariance within 5%', () => {
    const r = fit('fullrank');
    const loc = Array.from(r.prepared.store.variable('fr/joint/loc').dataSync());
    const raw = r.prepared.store.variable('fr/joint/scale_tril').arraySync() as number[][];
    const L = raw.map((row, i) => row.map((v, j) => (j < i ? v : j === i ? Math.log1p(Math.exp(v)) : 0)));
    const cov = math.multiply(L, math.transpose(L)) as number[][];
    const meanError = Math.hypot(...loc.map((v, i) => v - exact.posterior_mean[i]!)) / Math.hypot(...exact.posterior_mean);
    const covError = frobenius(cov.map((row, i) => row.map((v, j) => v - exact.posterior_cov[i]![j]!))) / frobenius(exact.posterior_cov);
    expect(meanError).toBeLessThan(0.05);
    expect(covError).toBeLessThan(0.05);
    // Stricter, per coordinate: means within a tenth of a posterior sd, sds within 5%.
    loc.forEach((v, i) => expect(Math.abs(v - exact.posterior_mean[i]!)).toBeLessThan(0.1 * sd[i]!));
    cov.forEach((row, i) => expect(Math.abs(Math.sqrt(row[i]!) / sd[i]! - 1)).toBeLessThan(0.05));
  });

  it('mean-field VI recovers the exact mean and the mean-field variances 1/diag(precision) within 5%', () => {
    const r = fit('meanfield');
    const precision = math.inv(exact.posterior_cov) as number[][];
    const store = r.prepared.store;
    const loc = [...store.variable('mf/w/loc').dataSync(), ...store.variable('mf/b/loc').dataSync()];
    const scale = [...store.variable('mf/w/scale').dataSync(), ...store.variable('mf/b/scale').dataSync()].map((v) => Math.log1p(Math.exp(v)));
    loc.forEach((v, i) => expect(Math.abs(v - exact.posterior_mean[i]!)).toBeLessThan(0.1 * sd[i]!));
    scale.forEach((s, i) => expect(Math.abs((s * s) / (1 / precision[i]![i]!) - 1)).toBeLessThan(0.05));
  });
});
