import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { triangularSolve } from '../../src/numerics/index.js';
import { expectClose, expectNoLeak, loadReference, useBackendFromEnv } from './helpers.js';

beforeAll(useBackendFromEnv);

interface SolveCase {
  lower: boolean; adjoint: boolean; lShape: number[]; bShape: number[]; xShape: number[];
  l: number[]; b: number[]; weights: number[]; x: number[]; gradL: number[]; gradB: number[];
}
const { solves } = loadReference<{ solves: SolveCase[] }>('linear-algebra');

describe('triangularSolve', () => {
  // Reference: torch.linalg.solve_triangular in float64 with autograd (make_reference.py), on
  // well-conditioned triangles; float32 solves then agree to a few ulps of the solution's scale.
  for (const c of solves) {
    const name = `${c.lower ? 'lower' : 'upper'}${c.adjoint ? ', adjoint' : ''}, L ${JSON.stringify(c.lShape)}, B ${JSON.stringify(c.bShape)}`;
    it(`solves and differentiates (${name}) like torch, within 2e-6 relative + 2e-6 absolute`, () => {
      const got = tf.tidy(() => {
        const l = tf.tensor(c.l, c.lShape);
        const b = tf.tensor(c.b, c.bShape);
        const w = tf.tensor(c.weights, c.xShape);
        const f = (lv: tf.Tensor, bv: tf.Tensor) => triangularSolve(lv, bv, { lower: c.lower, adjoint: c.adjoint }).mul(w).sum();
        const [gl, gb] = tf.grads(f)([l, b]);
        const x = triangularSolve(l, b, { lower: c.lower, adjoint: c.adjoint });
        return { shape: x.shape, x: Array.from(x.dataSync()), gl: Array.from(gl!.dataSync()), gb: Array.from(gb!.dataSync()) };
      });
      expect(got.shape).toEqual(c.xShape);
      expectClose(got.x, c.x, { rtol: 2e-6, atol: 2e-6 });
      // Only the triangle that is read receives gradient; the other must be exactly 0.
      expectClose(got.gl, c.gradL, { rtol: 2e-6, atol: 2e-6 });
      expectClose(got.gb, c.gradB, { rtol: 2e-6, atol: 2e-6 });
    });
  }

  it('is differentiable twice (gradient of a gradient matches float64 finite differences)', () => {
    // f(l) = Σ ∂/∂b [w · L⁻¹b] = Σ (L⁻ᵀw) for L = [[l, 0], [1, 2]]; d f/dl by central differences in float64.
    const w = [1, 1];
    const f64 = (l: number) => {
      // Solve Lᵀ y = w: y₂ = w₂/2, y₁ = (w₁ − y₂)/l.
      const y2 = w[1]! / 2;
      return (w[0]! - y2) / l + y2;
    };
    const l0 = 1.5;
    const want = (f64(l0 + 1e-6) - f64(l0 - 1e-6)) / 2e-6;
    const got = tf.tidy(() => {
      const g = (lv: tf.Tensor) => {
        const L = tf.stack([tf.stack([lv, tf.scalar(0)]), tf.tensor1d([1, 2])]);
        return tf.grad((b: tf.Tensor) => triangularSolve(L, b).sum())(tf.tensor2d([[0.3], [0.7]])).sum();
      };
      return tf.grad(g)(tf.scalar(l0)).dataSync()[0]!;
    });
    expectClose([got], [want], { rtol: 1e-5 });
  });

  it('rejects shapes that do not fit, naming them', () => {
    tf.tidy(() => {
      expect(() => triangularSolve(tf.zeros([2, 3]), tf.zeros([2, 1]))).toThrow(/L must have shape \[\.\.\., D, D\], got \[2, 3\]/);
      expect(() => triangularSolve(tf.eye(3), tf.zeros([2, 1]))).toThrow(/B must have shape \[\.\.\., 3, K\] to match L \[3, 3\], got \[2, 1\]/);
      expect(() => triangularSolve(tf.zeros([2, 3, 3]), tf.zeros([4, 3, 1]))).toThrow(/batch dimensions of L \[2, 3, 3\] and B \[4, 3, 1\] do not broadcast/);
    });
  });

  it('leaks no tensors (value and both gradients)', () => {
    expectNoLeak(() => {
      const l = tf.tensor2d([[2, 0], [1, 3]]);
      const b = tf.tensor2d([[1], [2]]);
      const grads = tf.grads((lv: tf.Tensor, bv: tf.Tensor) => triangularSolve(lv, bv, { adjoint: true }).sum())([l, b]);
      tf.dispose([l, b, triangularSolve(l, b), ...grads]);
    });
  });
});
