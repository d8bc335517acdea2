/**
 * Lower-triangular square matrices with a positive diagonal: Cholesky factors of covariances.
 */
import type { Tensor } from '@tensorflow/tfjs';
import { tfjs } from '../../runtime/lazy-tfjs.js';
import { Constraint } from './constraint.js';

export class LowerCholesky extends Constraint {
  readonly name = 'LowerCholesky';
  readonly eventRank = 2;
  readonly isDiscrete = false;

  check(x: Tensor): Tensor {
    const tf = tfjs();
    return tf.tidy(() => {
      if (x.rank < 2 || x.shape[x.rank - 1] !== x.shape[x.rank - 2]) {
        return tf.zeros(x.shape.slice(0, Math.max(0, x.rank - 2)), 'bool');
      }
      const lowerOnly = tf.all(tf.equal(tf.linalg.bandPart(x, -1, 0), x), [-2, -1]);
      const diagonal = tf.sum(tf.linalg.bandPart(x, 0, 0), -1);
      return tf.logicalAnd(lowerOnly, tf.all(tf.greater(diagonal, 0), -1));
    });
  }

  equals(other: Constraint): boolean {
    other = other.elementSet;
    return other instanceof LowerCholesky;
  }

  contains(other: Constraint): boolean {
    other = other.elementSet;
    return other instanceof LowerCholesky;
  }

  toString(): string {
    return 'LowerCholesky';
  }
}
