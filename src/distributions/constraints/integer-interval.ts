/**
 * Ranges of integers: ℤ, {0, 1, …}, {a, …, b}, and booleans {0, 1}.
 *
 * Values are stored as floats (as tfjs does), so `check` tests integrality and bounds. `boolean`
 * is the range {0, 1} under its own name; a category(K) range contains it when K ≥ 2.
 */
import type { Tensor } from '@tensorflow/tfjs';
import { tfjs } from '../../runtime/lazy-tfjs.js';
import { Constraint, formatBound } from './constraint.js';

export class IntegerInterval extends Constraint {
  readonly eventRank = 0;
  readonly isDiscrete = true;

  constructor(
    readonly lower: number,
    readonly upper: number,
  ) {
    super();
    const okBound = (v: number) => Number.isInteger(v) || Math.abs(v) === Infinity;
    if (!okBound(lower) || !okBound(upper) || !(lower <= upper)) {
      throw new RangeError(`integerInterval: need integer bounds lower ≤ upper, got (${lower}, ${upper})`);
    }
  }

  get name(): string {
    if (this.lower === 0 && this.upper === 1) return 'Boolean';
    if (this.lower === -Infinity && this.upper === Infinity) return 'Integer';
    if (this.upper === Infinity) return 'IntegerGreaterThanEq';
    return 'IntegerInterval';
  }

  /** The number of values, or Infinity. */
  get cardinality(): number {
    return this.upper - this.lower + 1;
  }

  check(x: Tensor): Tensor {
    const tf = tfjs();
    return tf.tidy(() => {
      const integral = tf.equal(x, tf.round(x));
      return tf.logicalAnd(integral, tf.logicalAnd(tf.greaterEqual(x, this.lower), tf.lessEqual(x, this.upper)));
    });
  }

  equals(other: Constraint): boolean {
    other = other.elementSet;
    return other instanceof IntegerInterval && other.lower === this.lower && other.upper === this.upper;
  }

  contains(other: Constraint): boolean {
    other = other.elementSet;
    return other instanceof IntegerInterval && other.lower >= this.lower && other.upper <= this.upper;
  }

  toString(): string {
    switch (this.name) {
      case 'Boolean':
      case 'Integer':
        return this.name;
      case 'IntegerGreaterThanEq':
        return `IntegerGreaterThanEq(${formatBound(this.lower)})`;
      default:
        return `IntegerInterval(${formatBound(this.lower)}, ${formatBound(this.upper)})`;
    }
  }
}
