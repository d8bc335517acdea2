/**
 * The probability simplex: vectors along the last dim with non-negative entries summing to 1.
 */
import type { Tensor } from '@tensorflow/tfjs';
import { tfjs } from '../../runtime/lazy-tfjs.js';
import { Constraint } from './constraint.js';

export class Simplex extends Constraint {
  readonly name = 'Simplex';
  readonly eventRank = 1;
  readonly isDiscrete = false;

  check(x: Tensor): Tensor {
    const tf = tfjs();
    return tf.tidy(() => {
      const k = x.shape[x.rank - 1] ?? 1;
      // float32 summation error grows with K: ~1e-7 per term, so allow 1e-5 per entry.
      const sumOk = tf.lessEqual(tf.abs(tf.sub(tf.sum(x, -1), 1)), 1e-5 * Math.max(1, k));
      return tf.logicalAnd(tf.all(tf.greaterEqual(x, 0), -1), sumOk);
    });
  }

  equals(other: Constraint): boolean {
    other = other.elementSet;
    return other instanceof Simplex;
  }

  contains(other: Constraint): boolean {
    other = other.elementSet;
    return other instanceof Simplex;
  }

  toString(): string {
    return 'Simplex';
  }
}
