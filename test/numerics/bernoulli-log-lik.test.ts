import * as tf from '@tensorflow/tfjs';
import { expect, it } from 'vitest';
import { bernoulliLogLik } from '../../src/numerics/index.js';
import { Rng } from '../../src/runtime/rng.js';
import { describeOnBackends } from './helpers.js';

/** float64 reference: Σ_j x log σ(l) + (1 − x) log(1 − σ(l)). */
function reference(l: number[], x: number[]): number {
  return l.reduce((s, lj, j) => s + x[j]! * -Math.log1p(Math.exp(-lj)) + (1 - x[j]!) * -Math.log1p(Math.exp(lj)), 0);
}

describeOnBackends('bernoulliLogLik', () => {
  it('equals Σ x log σ(l) + (1 − x) log(1 − σ(l)) per row, including large logits', () => {
    const l = [[-30, -2, 0, 0.5, 3, 40], [1, 1, 1, 1, 1, 1]];
    const x = [[0, 1, 0.25, 1, 0, 1], [1, 0, 1, 0, 1, 0]];
    const out = tf.tidy(() => bernoulliLogLik(tf.tensor2d(l), tf.tensor2d(x)).dataSync());
    expect(out.length).toBe(2);
    out.forEach((v, i) => expect(v).toBeCloseTo(reference(l[i]!, x[i]!), 4));
  });

  // D = 784 takes the chunked-product path (tfjs: chunks of 112; ours: 120 vectors per lane, so one
  // flush mid-row); D = 127 (prime) the per-element log on CPU and a scalar tail on WASM.
  for (const d of [784, 127]) {
    it(`matches a float64 reference on rows of ${d} logits up to ±60, to float32 summation accuracy`, () => {
      const rng = new Rng(d);
      const l = Array.from(rng.normalArray(3 * d), (v) => v * 20);
      l[5] = 60;
      l[6] = -60;
      const x = Array.from(rng.uniformArray(3 * d), (u) => (u < 0.5 ? 1 : 0));
      const out = tf.tidy(() => bernoulliLogLik(tf.tensor2d(l, [3, d]), tf.tensor2d(x, [3, d])).dataSync());
      for (let r = 0; r < 3; r++) {
        const ref = reference(l.slice(r * d, (r + 1) * d), x.slice(r * d, (r + 1) * d));
        // rows sum d terms of size up to ~60: float32 rounding of the sum alone is ~d·|term|·6e-8
        expect(Math.abs(out[r]! - ref)).toBeLessThan(1e-6 * Math.abs(ref) + 1e-3);
      }
    });
  }

  it('has gradient (x − σ(l))·dy, equal to the stock autodiff of the composite', () => {
    const rng = new Rng(8);
    const l = rng.normal([3, 4, 5]);
    const x = tf.tidy(() => tf.cast(tf.less(rng.uniform([4, 5]), 0.5), 'float32'));
    const w = tf.tensor2d([[1, 2, -1, 0.5], [0, 1, 1, 1], [3, -2, 1, 1]]);
    const before = tf.memory().numTensors;
    const ours = tf.grad((ll: tf.Tensor) => tf.sum(tf.mul(bernoulliLogLik(ll, x), w)))(l);
    const stock = tf.grad((ll: tf.Tensor) => tf.sum(tf.mul(tf.sum(tf.sub(tf.mul(x, ll), tf.softplus(ll)), -1), w)))(l);
    const closed = tf.tidy(() => tf.mul(tf.sub(x, tf.sigmoid(l)), tf.expandDims(w, -1)));
    const [a, b, c] = [ours.dataSync(), stock.dataSync(), closed.dataSync()];
    for (let i = 0; i < a.length; i++) {
      expect(a[i]).toBeCloseTo(b[i]!, 6);
      expect(a[i]).toBeCloseTo(c[i]!, 6);
    }
    tf.dispose([ours, stock, closed]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([l, x, w]);
  });

  it('differentiates in x too (∂/∂x = l·dy, summed over the axes x was broadcast along)', () => {
    const rng = new Rng(9);
    const l = rng.normal([3, 4, 5]);
    const x = rng.uniform([4, 5]);
    const w = rng.normal([3, 4]);
    const ours = tf.grad((xx: tf.Tensor) => tf.sum(tf.mul(bernoulliLogLik(l, xx), w)))(x);
    const stock = tf.grad((xx: tf.Tensor) => tf.sum(tf.mul(tf.sum(tf.sub(tf.mul(xx, l), tf.softplus(l)), -1), w)))(x);
    expect(ours.shape).toEqual([4, 5]);
    const [a, b] = [ours.dataSync(), stock.dataSync()];
    for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i]!, 5);
    tf.dispose([l, x, w, ours, stock]);
  });

  it('broadcasts x along any axis of size 1, not only leading ones (our kernels decline those shapes)', () => {
    const rng = new Rng(10);
    const l = rng.normal([3, 4, 5]);
    const x = tf.tidy(() => tf.cast(tf.less(rng.uniform([3, 1, 5]), 0.5), 'float32'));
    const ours = tf.tidy(() => bernoulliLogLik(l, x).dataSync());
    const stock = tf.tidy(() => tf.sum(tf.sub(tf.mul(x, l), tf.softplus(l)), -1).dataSync());
    for (let i = 0; i < ours.length; i++) expect(ours[i]).toBeCloseTo(stock[i]!, 5);
    tf.dispose([l, x]);
  });

  it('is NaN for a row with a NaN logit, and its gradient there too (the NaN guard relies on it)', () => {
    const l = tf.tensor2d([[0.5, NaN, -1, 2, 0.1], [0.5, 1, -1, 2, 0.1]]);
    const x = tf.tensor2d([[1, 0, 1, 0, 1], [1, 0, 1, 0, 1]]);
    const value = tf.tidy(() => Array.from(bernoulliLogLik(l, x).dataSync()));
    expect(value[0]).toBeNaN();
    expect(Number.isFinite(value[1])).toBe(true);
    const g = tf.grad((ll: tf.Tensor) => tf.sum(bernoulliLogLik(ll, x)))(l);
    expect(g.dataSync()[1]).toBeNaN();
    tf.dispose([l, x, g]);
  });

  it('rejects observations whose last axis differs from the logits', () => {
    const l = tf.zeros([2, 3]);
    const x = tf.zeros([2, 4]);
    expect(() => bernoulliLogLik(l, x)).toThrow('bernoulliLogLik: observations of shape [2,4] do not match logits of shape [2,3]');
    tf.dispose([l, x]);
  });
});
