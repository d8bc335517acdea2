/**
 * Batched Cholesky factorization A = L Lᵀ.
 */
import * as tf from '@tensorflow/tfjs';
import { asFloat, assertTensor } from './as-float.js';
import type { CustomGradFunction } from './elementwise-op.js';
import { NotPositiveDefiniteError } from './not-positive-definite-error.js';
import { triangularSolve } from './triangular-solve.js';

/**
 * Right-looking factorization of [n, D, D]: column j of L is the first column of the current Schur
 * complement (rows j…D−1) divided by the square root of its pivot, and the trailing complement is
 * then updated by one rank-1 product. Only entries on or below the diagonal of A are ever read.
 */
function factor(a: tf.Tensor3D): tf.Tensor3D {
  return tf.tidy(() => {
    const [n, d] = a.shape;
    let schur: tf.Tensor3D = a;
    const columns: tf.Tensor3D[] = [];
    for (let j = 0; j < d; j++) {
      const size = d - j;
      const column: tf.Tensor3D = schur.slice([0, 0, 0], [n, size, 1]).div(tf.sqrt(schur.slice([0, 0, 0], [n, 1, 1])));
      columns.push(j === 0 ? column : tf.concat([tf.zeros([n, j, 1]), column], 1));
      if (size > 1) {
        const below = column.slice([0, 1, 0], [n, size - 1, 1]);
        schur = schur.slice([0, 1, 1], [n, size - 1, size - 1]).sub(tf.matMul(below, below, false, true));
      }
    }
    return tf.concat(columns, 2);
  });
}

const swapLast = (x: tf.Tensor): tf.Tensor => x.transpose([0, 2, 1]);

// Backward pass (Murray 2016, "Differentiation of the Cholesky decomposition"): with
// Φ(X) = lower triangle of X with its diagonal halved, S = L⁻ᵀ Φ(Lᵀ L̄) L⁻¹ and Ā = ½(S + Sᵀ).
// The symmetrized form is the gradient for symmetric perturbations of A.
const choleskyOp = tf.customGrad(((a: tf.Tensor, save: tf.GradSaveFunc) => {
  const l = factor(a as tf.Tensor3D);
  save([l]);
  return {
    value: l,
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const ls = saved[0]!;
      const d = ls.shape[2]!;
      const g = tf.linalg.bandPart(tf.matMul(ls, dy, true, false), -1, 0);
      const phi = g.sub(g.mul(tf.eye(d)).mul(0.5));
      const y = triangularSolve(ls, phi, { adjoint: true });
      const s = swapLast(triangularSolve(ls, swapLast(y), { adjoint: true }));
      return [s.add(swapLast(s)).mul(0.5)];
    },
  };
}) as CustomGradFunction);

/** Throws `NotPositiveDefiniteError` for the first matrix of the batch whose factor has a non-positive or non-finite pivot. */
function checkPivots(l: tf.Tensor3D, batch: number[]): void {
  const [n, d] = l.shape;
  // Gathered, not masked: a failed factor has NaN off the diagonal, and NaN · 0 is NaN.
  const diagTensor = tf.tidy(() => tf.gather(l.reshape([n, d * d]), tf.range(0, d * d, d + 1, 'int32'), 1));
  const diag = diagTensor.dataSync() as Float32Array;
  diagTensor.dispose();
  for (let i = 0; i < diag.length; i++) {
    const v = diag[i]!;
    if (v > 0 && Number.isFinite(v)) continue;
    const flat = Math.floor(i / d);
    const index: number[] = [];
    for (let r = batch.length - 1, rest = flat; r >= 0; r--) {
      index.unshift(rest % batch[r]!);
      rest = Math.floor(rest / batch[r]!);
    }
    throw new NotPositiveDefiniteError(index, (i % d) + 1);
  }
}

/**
 * The lower-triangular L with L Lᵀ = A and positive diagonal, for symmetric positive-definite A of
 * shape [..., D, D] (only the lower triangle of A is read). Differentiable: the gradient with
 * respect to A is the symmetric matrix of the standard backward formula.
 *
 * Throws `NotPositiveDefiniteError`, naming the batch index, when a pivot is not positive, and a
 * RangeError for a non-square shape. Cost: D steps of batched ops, O(D³) work per matrix;
 * intended for D up to ~100.
 *
 * @example cholesky(tf.tensor2d([[4, 2], [2, 5]])) // [[2, 0], [1, 2]]
 */
export function cholesky(A: tf.Tensor): tf.Tensor {
  assertTensor('cholesky', 'A', A);
  if (A.rank < 2 || A.shape[A.rank - 1] !== A.shape[A.rank - 2]) {
    throw new RangeError(`cholesky: expected a matrix or batch of matrices of shape [..., D, D], got [${A.shape.join(', ')}]`);
  }
  const d = A.shape[A.rank - 1]!;
  const batch = A.shape.slice(0, -2);
  // tf.tidy also releases every intermediate when checkPivots throws.
  return tf.tidy(() => {
    const n = batch.reduce((p, q) => p * q, 1);
    const l = choleskyOp(asFloat('cholesky', 'A', A).reshape([n, d, d])) as tf.Tensor3D;
    checkPivots(l, batch);
    return l.reshape([...batch, d, d]);
  });
}
