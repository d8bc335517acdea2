/**
 * Implicit reparameterization (Figurnov et al. 2018) for Gamma, Beta and Dirichlet: the pathwise
 * gradient of E[log z] must equal its analytic derivative (polygamma values from scipy), which
 * exercises the gradient for α < 1 (boosted sampler) as well as α ≥ 1.
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { Beta, Dirichlet, Gamma, Rng, rsampleLogStandardGamma } from '../../src/distributions/index.js';

const reference = JSON.parse(
  readFileSync(fileURLToPath(new URL('./reference/reference.json', import.meta.url)), 'utf8'),
).gradients;

const N = 4000;

/** Mean and standard error of per-draw values laid out as [N, m], for each of the m columns. */
function columnStats(values: ArrayLike<number>, m: number): { mean: number[]; se: number[] } {
  const mean: number[] = [];
  const se: number[] = [];
  for (let j = 0; j < m; j++) {
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < N; i++) {
      s += values[i * m + j]!;
      s2 += values[i * m + j]! ** 2;
    }
    mean.push(s / N);
    se.push(Math.sqrt((s2 / N - (s / N) ** 2) / N));
  }
  return { mean, se };
}

/** Within 5 standard errors plus 1% for the float32 derivative dz/dα. */
function expectAgrees(got: { mean: number[]; se: number[] }, expected: number[], what: string): void {
  expected.forEach((e, j) => {
    const label = `${what}[${j}]: pathwise ${got.mean[j]} ± ${got.se[j]} vs analytic ${e}`;
    expect(Math.abs(got.mean[j]! - e), label).toBeLessThanOrEqual(5 * got.se[j]! + 0.01 * Math.abs(e));
  });
}

test('Gamma: d/dα E[log z] = trigamma(α), including α < 1', () => {
  const { alpha, dElogz } = reference.gamma as { alpha: number[]; dElogz: number[] };
  const before = tf.memory().numTensors;
  const grads = tf.tidy(() => {
    // One replica of α per draw, so the gradient of the sum holds each draw's d log z / dα.
    const a = tf.tile(tf.tensor2d([alpha]), [N, 1]);
    return tf.grad((x: tf.Tensor) => tf.sum(tf.log(new Gamma(x, 1).rsample(new Rng(31)))))(a).dataSync();
  });
  expect(tf.memory().numTensors).toBe(before);
  expectAgrees(columnStats(grads, alpha.length), dElogz, 'Gamma d/dα E[log z]');
});

test('Gamma: a scalar α broadcast over a sample shape gets the summed gradient', () => {
  const { alpha, dElogz } = reference.gamma as { alpha: number[]; dElogz: number[] };
  const [perDraw, summed] = tf.tidy(() => {
    // α replicated per draw (batch shape [N]) versus one scalar α drawn with sample shape [N].
    const f = (sampleShape: number[]) => (a: tf.Tensor) => tf.sum(tf.log(new Gamma(a, 1).rsample(new Rng(30), sampleShape)));
    const replicated = tf.grad(f([]))(tf.fill([N], alpha[2]!)).dataSync();
    return [Array.from(replicated), tf.grad(f([N]))(tf.scalar(alpha[2]!)).dataSync()[0]!];
  });
  // Same seed, same draws: the scalar's gradient is exactly the sum of the per-draw gradients.
  const total = perDraw.reduce((a, b) => a + b, 0);
  expect(Math.abs(summed - total)).toBeLessThan(1e-4 * Math.abs(total));
  expect(Math.abs(summed / N - dElogz[2]!)).toBeLessThan(0.05 * dElogz[2]!);
});

test('Gamma: d/dβ E[z] = −α/β² (the rate enters analytically)', () => {
  const grads = tf.tidy(() => {
    const b = tf.fill([N, 1], 2);
    return tf.grad((x: tf.Tensor) => tf.sum(new Gamma(3, x).rsample(new Rng(32))))(b).dataSync();
  });
  expectAgrees(columnStats(grads, 1), [-3 / 4], 'Gamma d/dβ E[z]');
});

test('Beta: d/da and d/db of E[log x] match polygamma', () => {
  const { a, b, dElogx_da, dElogx_db } = reference.beta as Record<string, number>;
  const [ga, gb] = tf.tidy(() => {
    const ta = tf.fill([N], a!);
    const tb = tf.fill([N], b!);
    const f = (x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.log(new Beta(x, y).rsample(new Rng(33))));
    return tf.grads(f)([ta, tb]).map((g) => g.dataSync());
  });
  expectAgrees(columnStats(ga!, 1), [dElogx_da!], 'Beta d/da E[log x]');
  expectAgrees(columnStats(gb!, 1), [dElogx_db!], 'Beta d/db E[log x]');
});

test('Dirichlet: ∇_α E[log x₁] matches polygamma', () => {
  const { alpha, dElogx1 } = reference.dirichlet as { alpha: number[]; dElogx1: number[] };
  const grads = tf.tidy(() => {
    const a = tf.tile(tf.tensor2d([alpha]), [N, 1]);
    const f = (x: tf.Tensor) => tf.sum(tf.log(tf.slice(new Dirichlet(x).rsample(new Rng(34)), [0, 0], [N, 1])));
    return tf.grad(f)(a).dataSync();
  });
  expectAgrees(columnStats(grads, alpha.length), dElogx1, 'Dirichlet ∂/∂α E[log x₁]');
});

test('draws and gradients for tiny concentrations stay finite', () => {
  tf.tidy(() => {
    const g = new Gamma(0.01, 1).rsample(new Rng(35), [2000]);
    expect(g.min().dataSync()[0]).toBeGreaterThan(0);
    const b = new Beta(0.02, 0.02).rsample(new Rng(36), [2000]);
    const lp = new Beta(0.02, 0.02).logProb(b).dataSync();
    expect(lp.every(Number.isFinite), 'Beta log-densities of tiny-concentration draws').toBe(true);
    // log G stays finite where G itself underflows float64 (α = 0.01), and so does its gradient.
    const grad = tf.grad((a: tf.Tensor) => tf.sum(rsampleLogStandardGamma(a, new Rng(38))))(tf.fill([2000], 0.01));
    expect(grad.dataSync().every(Number.isFinite), 'd log G/dα at α = 0.01').toBe(true);
    const d = new Dirichlet([0.05, 0.05, 0.05]).rsample(new Rng(37), [500]);
    expect(new Dirichlet([0.05, 0.05, 0.05]).logProb(d).dataSync().every(Number.isFinite), 'Dirichlet log-densities').toBe(true);
  });
});
