import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { elementwise, indexBy, liftConstant, matmul, rowShape, sliceRow, stackRow, sumRow, takeRow, type RowValue } from '../../../src/inference/exec/row-value.js';

const close = (a: tf.Tensor, b: tf.Tensor | readonly unknown[]) => {
  const x = Array.from(a.dataSync());
  const y = b instanceof tf.Tensor ? Array.from(b.dataSync()) : (b.flat(Infinity) as number[]);
  expect(x.length).toBe(y.length);
  x.forEach((v, i) => expect(v).toBeCloseTo(y[i], 4));
};

// Lead axes [S = 2, B = 3]: a per-sample, per-row vector of size 4.
const z: RowValue = { t: tf.range(0, 24).reshape([2, 3, 4]).div(10), rowRank: 1 };
const W = tf.tensor2d([[1, 2, 3, 4], [0, -1, 0.5, 2]]); // [D = 2, K = 4]

describe('row values (lead axes [S, B] + row shape)', () => {
  it('broadcasts a scalar per row against a vector per row by aligning row parts, not right edges', () => {
    const perRow: RowValue = { t: tf.tensor([1, 2, 3]).reshape([1, 3]), rowRank: 0 };
    const out = elementwise(z, perRow, tf.mul);
    expect(out.t.shape).toEqual([2, 3, 4]);
    close(out.t.slice([1, 2, 0], [1, 1, 4]).reshape([4]), [2.0 * 3, 2.1 * 3, 2.2 * 3, 2.3 * 3]);
  });

  it('computes W @ z for a shared matrix with one 2-D product, equal to the explicit sum', () => {
    const out = matmul(liftConstant(W, 2), z);
    expect(rowShape(out)).toEqual([2]);
    const w = W.arraySync() as number[][];
    const zs = z.t.arraySync() as number[][][];
    close(out.t, zs.map((rows) => rows.map((zk) => w.map((wd) => wd.reduce((acc, v, k) => acc + v * zk[k]!, 0)))));
  });

  it('computes the general (lead-varying) matrix products exactly', () => {
    const Ws: RowValue = { t: tf.stack([W, W.mul(2)]).reshape([2, 1, 2, 4]), rowRank: 2 }; // varies over S
    const ws = Ws.t.reshape([2, 2, 4]).arraySync() as number[][][];
    const zs = z.t.arraySync() as number[][][];
    close(matmul(Ws, z).t, zs.map((rows, s) => rows.map((zk) => ws[s]!.map((wd) => wd.reduce((acc, v, k) => acc + v * zk[k]!, 0)))));
    const v: RowValue = { t: tf.tensor([1, -1]).reshape([1, 1, 2]), rowRank: 1 };
    close(matmul(v, Ws).t, ws.map((m) => [m[0]!.map((a, k) => a - m[1]![k]!)]));
    close(matmul(z, z).t, z.t.square().sum(-1));
    const M: RowValue = { t: tf.tensor([[1, 2], [3, 4]]).reshape([1, 1, 2, 2]), rowRank: 2 };
    close(matmul(M, M).t, [[7, 10], [15, 22]]);
  });

  it('slices, takes and sums along row axes', () => {
    close(sliceRow(z, 0, 1, 3).t.slice([0, 0, 0], [1, 1, 2]).reshape([2]), [0.1, 0.2]);
    expect(takeRow(z, 0, 3).t.shape).toEqual([2, 3]);
    close(sumRow(z).t, z.t.sum(-1));
  });

  it('indexes by a discrete value per row, shared table or lead-varying table', () => {
    const mu = tf.tensor2d([[0, 0], [1, 10], [2, 20]]); // [K = 3, D = 2]
    const c: RowValue = { t: tf.tensor([[2, 0, 1]]), rowRank: 0 }; // [S = 1, B = 3]
    const shared = indexBy(liftConstant(mu, 2), c);
    close(shared.t, [[[2, 20], [0, 0], [1, 10]]]);
    const varying: RowValue = { t: tf.stack([mu, mu.neg()]).reshape([2, 1, 3, 2]), rowRank: 2 };
    const out = indexBy(varying, c);
    expect(out.t.shape).toEqual([2, 3, 2]);
    close(out.t.slice([1, 0, 0], [1, 1, 2]).reshape([2]), [-2, -20]);
    // Differentiable in the table.
    const g = tf.grad((m: tf.Tensor) => indexBy({ t: m, rowRank: 2 }, c).t.sum())(varying.t);
    close(g.slice([0, 0, 0, 0], [1, 1, 3, 1]).reshape([3]), [1, 1, 1]);
  });

  it('stacks scalars into a vector literal', () => {
    const a: RowValue = { t: tf.ones([2, 1]), rowRank: 0 };
    const b: RowValue = { t: tf.tensor([[5, 6, 7]]), rowRank: 0 };
    const v = stackRow([a, b]);
    expect(v.t.shape).toEqual([2, 3, 2]);
    close(v.t.slice([1, 2, 0], [1, 1, 2]).reshape([2]), [1, 7]);
  });
});
