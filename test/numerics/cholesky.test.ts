import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { cholesky, NotPositiveDefiniteError } from '../../src/numerics/index.js';
import { expectClose, expectNoLeak, loadReference, useBackendFromEnv } from './helpers.js';

beforeAll(useBackendFromEnv);

interface CholeskyCase { shape: number[]; a: number[]; weights: number[]; l: number[]; grad: number[] }
const { cases } = loadReference<{ cases: CholeskyCase[] }>('linear-algebra');

describe('cholesky', () => {
  // Reference: torch.linalg.cholesky in float64 with autograd through (A + Aᵀ)/2, so the reference
  // gradient is the symmetric one (make_reference.py). Matrices are M Mᵀ/D + I, condition ≲ 50.
  for (const c of cases) {
    it(`factors and differentiates A of shape ${JSON.stringify(c.shape)} like torch (2e-6 relative + 2e-6 absolute)`, () => {
      const got = tf.tidy(() => {
        const a = tf.tensor(c.a, c.shape);
        const w = tf.tensor(c.weights, c.shape);
        const l = cholesky(a);
        const g = tf.grad((av: tf.Tensor) => cholesky(av).mul(w).sum())(a);
        return { shape: l.shape, l: Array.from(l.dataSync()), g: Array.from(g.dataSync()) };
      });
      expect(got.shape).toEqual(c.shape);
      expectClose(got.l, c.l, { rtol: 2e-6, atol: 2e-6 });
      expectClose(got.g, c.grad, { rtol: 2e-6, atol: 2e-6 });
    });
  }

  it('reproduces A = L Lᵀ and reads only the lower triangle', () => {
    const [err, upperIgnored] = tf.tidy(() => {
      const a = tf.tensor2d([[4, 2, 0.4], [2, 5, 1], [0.4, 1, 3]]);
      const l = cholesky(a);
      const rebuilt = tf.matMul(l, l, false, true);
      const garbageAbove = cholesky(tf.tensor2d([[4, 99, -7], [2, 5, 123], [0.4, 1, 3]]));
      return [rebuilt.sub(a).abs().max().dataSync()[0]!, garbageAbove.sub(l).abs().max().dataSync()[0]!];
    });
    expect(err).toBeLessThan(2e-6);
    expect(upperIgnored).toBe(0);
  });

  it('has directional derivatives matching float32 central differences along symmetric perturbations', () => {
    const a0 = [[4, 2, 0.4], [2, 5, 1], [0.4, 1, 3]];
    const w = [[0.3, 0, 0], [-1.2, 0.7, 0], [0.5, 2, -0.4]];
    const loss = (a: number[][]) => tf.tidy(() => cholesky(tf.tensor2d(a)).mul(tf.tensor2d(w)).sum().dataSync()[0]!);
    const grad = tf.tidy(() => tf.grad((a: tf.Tensor) => cholesky(a).mul(tf.tensor2d(w)).sum())(tf.tensor2d(a0)).arraySync() as number[][]);
    const h = 1e-2;
    for (const [i, j] of [[0, 0], [1, 0], [2, 1], [2, 2]] as const) {
      const bump = (s: number) => a0.map((row, r) => row.map((v, k) => v + ((r === i && k === j) || (r === j && k === i) ? s : 0)));
      const fd = (loss(bump(h)) - loss(bump(-h))) / (2 * h);
      // Along E_ij + E_ji the derivative of a symmetric-gradient op is 2·Ā_ij (Ā_ii on the diagonal).
      const directional = i === j ? grad[i]![i]! : 2 * grad[i]![j]!;
      expectClose([directional], [fd], { rtol: 2e-3, atol: 2e-4 });
    }
  });

  it('throws NotPositiveDefiniteError naming the batch index and the failing minor, without leaking', () => {
    expectNoLeak(() => {
      const good = [[2, 0.5], [0.5, 1]];
      const bad = [[1, 2], [2, 1]]; // eigenvalues 3 and −1: the 2×2 minor is −3
      const a = tf.tensor([[good, good, good], [good, good, bad]]);
      let caught: unknown;
      try {
        cholesky(a);
      } catch (e) {
        caught = e;
      }
      a.dispose();
      expect(caught).toBeInstanceOf(NotPositiveDefiniteError);
      const err = caught as NotPositiveDefiniteError;
      expect(err.batchIndex).toEqual([1, 2]);
      expect(err.order).toBe(2);
      expect(err.message).toBe(
        'cholesky: the matrix at batch index [1, 2] is not positive definite (its leading minor of order 2 is not positive)',
      );
    });
    tf.tidy(() => {
      expect(() => cholesky(tf.tensor2d([[-1]]))).toThrow(/cholesky: the matrix is not positive definite \(its leading minor of order 1/);
      expect(() => cholesky(tf.zeros([2, 3]))).toThrow(/expected a matrix or batch of matrices of shape \[\.\.\., D, D\], got \[2, 3\]/);
    });
  });

  it('leaks no tensors (value and gradient)', () => {
    expectNoLeak(() => {
      const a = tf.tensor2d([[4, 2], [2, 5]]);
      tf.dispose([a, cholesky(a), tf.grad((v: tf.Tensor) => cholesky(v).sum())(a)]);
    });
  });
});
