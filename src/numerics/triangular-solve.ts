/**
 * Batched solution of triangular linear systems.
 */
import * as tf from '@tensorflow/tfjs';
import { asFloat, assertTensor } from './as-float.js';
import type { CustomGradFunction } from './elementwise-op.js';

export interface TriangularSolveOptions {
  /** Whether L is lower (true, default) or upper triangular; only that triangle is read. */
  readonly lower?: boolean;
  /** Solve Lᵀ X = B instead of L X = B (default false). */
  readonly adjoint?: boolean;
}

/**
 * Forward substitution for M X = B with M lower triangular, on rank-3 tensors [n, D, D] and [n, D, K].
 * Column-oriented: after solving row i, its contribution M[:, i] xᵢ is removed from the remaining
 * right-hand side in one rank-1 update, so each of the D steps is a handful of batched ops.
 */
function forwardSubstitution(m: tf.Tensor3D, b: tf.Tensor3D): tf.Tensor3D {
  return tf.tidy(() => {
    const [n, d, k] = b.shape;
    // rhs holds rows i…D−1 of B minus the contributions of the rows solved so far.
    let rhs: tf.Tensor3D = b;
    const rows: tf.Tensor3D[] = [];
    for (let i = 0; i < d; i++) {
      const xi: tf.Tensor3D = rhs.slice([0, 0, 0], [n, 1, k]).div(m.slice([0, i, i], [n, 1, 1]));
      rows.push(xi);
      if (i + 1 < d) {
        const below = m.slice([0, i + 1, i], [n, d - i - 1, 1]);
        rhs = rhs.slice([0, 1, 0], [n, d - i - 1, k]).sub(tf.matMul(below, xi));
      }
    }
    return tf.concat(rows, 1);
  });
}

/** Solves M X = B for triangular M (lower or upper) of rank-3 tensors; upper reduces to lower by reversing indices. */
function substitution(m: tf.Tensor3D, b: tf.Tensor3D, lower: boolean): tf.Tensor3D {
  if (lower) return forwardSubstitution(m, b);
  return tf.tidy(() => forwardSubstitution(m.reverse([1, 2]) as tf.Tensor3D, b.reverse(1) as tf.Tensor3D).reverse(1) as tf.Tensor3D);
}

const swap = (x: tf.Tensor3D): tf.Tensor3D => x.transpose([0, 2, 1]);

/**
 * The differentiable core: X = M⁻¹B with B̄ = M⁻ᵀX̄ (the opposite triangle) and M̄ = −tri(B̄ Xᵀ),
 * where tri keeps M's triangle. The backward pass solves with this same op, so it can be differentiated again.
 */
function solveOp(lower: boolean): (m: tf.Tensor3D, b: tf.Tensor3D) => tf.Tensor3D {
  return tf.customGrad(((m: tf.Tensor, b: tf.Tensor, save: tf.GradSaveFunc) => {
    const x = substitution(m as tf.Tensor3D, b as tf.Tensor3D, lower);
    save([m, x]);
    return {
      value: x,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [ms, xs] = saved as [tf.Tensor3D, tf.Tensor3D];
        const db = (lower ? upperSolve : lowerSolve)(swap(ms), dy as tf.Tensor3D);
        const outer = tf.matMul(db, xs, false, true).neg();
        const dm = lower ? tf.linalg.bandPart(outer, -1, 0) : tf.linalg.bandPart(outer, 0, -1);
        return [dm, db];
      },
    };
  }) as CustomGradFunction) as (m: tf.Tensor3D, b: tf.Tensor3D) => tf.Tensor3D;
}
const lowerSolve = solveOp(true);
const upperSolve = solveOp(false);

function describe(t: tf.Tensor): string {
  return `[${t.shape.join(', ')}]`;
}

/**
 * X with L X = B (or Lᵀ X = B when `adjoint`), for triangular L of shape [..., D, D] and B of shape
 * [..., D, K]; batch dimensions broadcast. Only L's `lower` (or upper) triangle is read.
 * Differentiable in both L and B.
 *
 * Method: forward (or back) substitution over the D rows, vectorized over batch and right-hand sides.
 * A zero on the diagonal gives ±∞/NaN entries, like any division by zero.
 *
 * @example triangularSolve(tf.tensor2d([[2, 0], [1, 1]]), tf.tensor2d([[2], [3]])) // [[1], [2]]
 */
export function triangularSolve(L: tf.Tensor, B: tf.Tensor, options: TriangularSolveOptions = {}): tf.Tensor {
  const { lower = true, adjoint = false } = options;
  assertTensor('triangularSolve', 'L', L);
  assertTensor('triangularSolve', 'B', B);
  if (L.rank < 2 || L.shape[L.rank - 1] !== L.shape[L.rank - 2]) {
    throw new RangeError(`triangularSolve: L must have shape [..., D, D], got ${describe(L)}`);
  }
  const d = L.shape[L.rank - 1]!;
  if (B.rank < 2 || B.shape[B.rank - 2] !== d) {
    throw new RangeError(`triangularSolve: B must have shape [..., ${d}, K] to match L ${describe(L)}, got ${describe(B)}`);
  }
  const k = B.shape[B.rank - 1]!;
  let batch: number[];
  try {
    batch = tf.backend_util.assertAndGetBroadcastShape(L.shape.slice(0, -2), B.shape.slice(0, -2));
  } catch {
    throw new RangeError(`triangularSolve: batch dimensions of L ${describe(L)} and B ${describe(B)} do not broadcast`);
  }
  return tf.tidy(() => {
    const n = batch.reduce((p, q) => p * q, 1);
    let m = asFloat('triangularSolve', 'L', L).broadcastTo([...batch, d, d]).reshape([n, d, d]) as tf.Tensor3D;
    if (adjoint) m = swap(m);
    const b = asFloat('triangularSolve', 'B', B).broadcastTo([...batch, d, k]).reshape([n, d, k]) as tf.Tensor3D;
    // Transposing swaps which triangle holds the matrix.
    const x = lower !== adjoint ? lowerSolve(m, b) : upperSolve(m, b);
    return x.reshape([...batch, d, k]);
  });
}
