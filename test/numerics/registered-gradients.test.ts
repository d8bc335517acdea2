import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import '../../src/numerics/index.js';

describe('gradients registered for kernels tfjs leaves without one on some backends', () => {
  it('gather: one-hot gradient counts each gathered row, on any axis (incl. negative)', () => {
    const x = tf.tensor2d([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]);
    const w = tf.tensor2d([[1, 2, 3, 4], [10, 20, 30, 40], [100, 200, 300, 400]]);
    // Rows 2, 0, 2 gathered and weighted: row 2 gets w[0] + w[2], row 0 gets w[1], row 1 nothing.
    const g0 = tf.grad((t: tf.Tensor) => tf.gather(t, [2, 0, 2], 0).mul(w).sum())(x);
    expect(g0.arraySync()).toEqual([[10, 20, 30, 40], [0, 0, 0, 0], [101, 202, 303, 404]]);
    const g1 = tf.grad((t: tf.Tensor) => tf.gather(t, [3, 3, 1], -1).mul(tf.tensor2d([[1, 2, 3], [4, 5, 6], [7, 8, 9]])).sum())(x);
    expect(g1.arraySync()).toEqual([[0, 3, 0, 3], [0, 6, 0, 9], [0, 9, 0, 15]]);
  });

  it('gather: matches a finite difference through a 3-D gather in the middle axis', () => {
    const x = tf.randomNormal([2, 5, 3], 0, 1, 'float32', 7);
    const f = (t: tf.Tensor) => tf.gather(t, [4, 1, 1, 0], 1).square().sum() as tf.Scalar;
    const g = tf.grad(f)(x).arraySync() as number[][][];
    const base = x.arraySync() as number[][][];
    const h = 1e-2;
    const bump = (d: number) => {
      const copy = base.map((a) => a.map((b) => [...b]));
      copy[1]![1]![2]! += d;
      return f(tf.tensor3d(copy)).dataSync()[0]!;
    };
    expect(g[1]![1]![2]!).toBeCloseTo((bump(h) - bump(-h)) / (2 * h), 2);
  });

  it('comparisons have zero gradients, so masks can sit on a differentiated path', () => {
    const f = (x: tf.Tensor) => tf.where(tf.less(x, 0), tf.fill(x.shape, -5), x.square()).sum() as tf.Scalar;
    const g = tf.grad(f)(tf.tensor1d([-1, 2, 3]));
    expect(Array.from(g.dataSync())).toEqual([0, 4, 6]);
    const h = tf.grad((x: tf.Tensor) => tf.cast(tf.logicalAnd(tf.greater(x, 0), tf.notEqual(x, 2)), 'float32').mul(x).sum() as tf.Scalar)(tf.tensor1d([-1, 2, 3]));
    expect(Array.from(h.dataSync())).toEqual([0, 0, 1]);
  });
});
