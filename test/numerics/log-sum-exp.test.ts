import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { logSumExp } from '../../src/numerics/index.js';
import { expectClose, expectNoLeak, useBackendFromEnv } from './helpers.js';

beforeAll(useBackendFromEnv);

/** float64 reference: m + log Σ exp(x − m). */
function lse64(xs: number[]): number {
  const m = Math.max(...xs);
  return m + Math.log(xs.reduce((s, x) => s + Math.exp(x - m), 0));
}

const run = (x: number[][], axis?: number | number[], keepDims?: boolean) =>
  tf.tidy(() => {
    const t = tf.tensor2d(x);
    const y = logSumExp(t, axis, keepDims);
    return { shape: y.shape, value: Array.from(y.dataSync()) };
  });

const gradient = (x: number[][], axis?: number | number[]) =>
  tf.tidy(() => Array.from(tf.grad((t: tf.Tensor) => logSumExp(t, axis).sum())(tf.tensor2d(x)).dataSync()));

describe('logSumExp', () => {
  it('matches a float64 reference without overflow (entries ±1000) within 1e-7 relative', () => {
    const x = [[1000, 999, 998], [-1000, -1001, -999.5], [0.1, -0.2, 0.3]];
    const got = run(x, 1);
    expect(got.shape).toEqual([3]);
    expectClose(got.value, x.map(lse64), { rtol: 1e-7 });
  });

  it('reduces over any axes, all axes by default, and keeps dims on request', () => {
    const x = [[0, 1], [2, 3]];
    expectClose(run(x, 0).value, [lse64([0, 2]), lse64([1, 3])], { rtol: 1e-7 });
    expectClose(run(x, -1).value, [lse64([0, 1]), lse64([2, 3])], { rtol: 1e-7 });
    const all = run(x);
    expect(all.shape).toEqual([]);
    expectClose(all.value, [lse64([0, 1, 2, 3])], { rtol: 1e-7 });
    expect(run(x, [0, 1], true).shape).toEqual([1, 1]);
    expect(run(x, 1, true).shape).toEqual([2, 1]);
  });

  it('handles infinities: −∞ entries drop out, all −∞ gives −∞, any +∞ gives +∞ (no NaN)', () => {
    const x = [[-Infinity, 0, Math.log(3)], [-Infinity, -Infinity, -Infinity], [Infinity, 1, -Infinity]];
    expectClose(run(x, 1).value, [Math.log(4), -Infinity, Infinity], { rtol: 1e-7 });
  });

  it('has gradient softmax(x): 0 at −∞ entries, uniform when all are −∞, never NaN', () => {
    const x = [[-Infinity, 0, Math.log(3)], [-Infinity, -Infinity, -Infinity], [1, 2, 3]];
    const z = Math.exp(1) + Math.exp(2) + Math.exp(3);
    expectClose(gradient(x, 1), [0, 0.25, 0.75, 1 / 3, 1 / 3, 1 / 3, Math.exp(1) / z, Math.exp(2) / z, Math.exp(3) / z], {
      rtol: 2e-7,
    });
  });

  it('passes upstream gradients per reduced slice', () => {
    const g = tf.tidy(() => {
      const t = tf.tensor2d([[0, 0], [0, Math.log(3)]]);
      return Array.from(tf.grad((v: tf.Tensor) => logSumExp(v, 1).mul(tf.tensor1d([2, 4])).sum())(t).dataSync());
    });
    expectClose(g, [1, 1, 1, 3], { rtol: 2e-7 });
  });

  it('propagates NaN and takes gradients with keepDims', () => {
    expect(Number.isNaN(run([[NaN, 1]], 1).value[0]!)).toBe(true);
    const g = tf.tidy(() => {
      const t = tf.tensor2d([[0, Math.log(3)], [1, 1]]);
      return Array.from(tf.grad((v: tf.Tensor) => logSumExp(v, 0, true).mul(tf.tensor2d([[1, 2]])).sum())(t).dataSync());
    });
    const e = Math.E;
    expectClose(g, [1 / (1 + e), (2 * 3) / (3 + e), e / (1 + e), (2 * e) / (3 + e)], { rtol: 2e-7 });
  });

  it('rejects an axis outside the tensor rank, naming it', () => {
    const x = tf.zeros([2, 2]);
    expect(() => logSumExp(x, 2)).toThrow(/logSumExp: axis 2 is out of range for a tensor of rank 2/);
    x.dispose();
  });

  it('leaks no tensors (value and gradient)', () => {
    expectNoLeak(() => {
      const x = tf.tensor2d([[1, -Infinity], [2, 3]]);
      tf.dispose([x, logSumExp(x, 1), tf.grad((v: tf.Tensor) => logSumExp(v, 1).sum())(x)]);
    });
  });
});
