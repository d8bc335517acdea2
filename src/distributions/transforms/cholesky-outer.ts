/**
 * L ↦ L Lᵀ: lower-Cholesky factors → symmetric positive-definite matrices.
 *
 * Measured on the D(D+1)/2 free entries of each side, the Jacobian is triangular with
 * log |det J| = D log 2 + Σ_{i=1}^{D} (D − i + 1) log L_ii.
 */
import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '@tensorflow/tfjs';
import { cholesky } from '../../numerics/index.js';
import { lowerCholesky, positiveDefinite } from '../constraints/index.js';
import { Transform } from './transform.js';

export class CholeskyOuterTransform extends Transform {
  readonly name = 'CholeskyOuter';
  readonly domain = lowerCholesky;
  readonly codomain = positiveDefinite;

  forward(l: Tensor): Tensor {
    return tf.matMul(l, l, false, true);
  }

  inverse(y: Tensor): Tensor {
    return cholesky(y);
  }

  logAbsDetJacobian(l: Tensor): Tensor {
    return tf.tidy(() => {
      const d = l.shape[l.rank - 1]!;
      const logDiag = tf.log(tf.sum(tf.linalg.bandPart(l, 0, 0), -1));
      const weights = tf.tensor1d(Array.from({ length: d }, (_, i) => d - i));
      return tf.add(tf.sum(tf.mul(logDiag, weights), -1), d * Math.LN2);
    });
  }
}
