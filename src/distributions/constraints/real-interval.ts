/**
 * Intervals of the real line: ℝ, (a, ∞), [a, ∞), (a, b), [a, b] and the like.
 *
 * One class covers `real`, `positive`, `greaterThan(a)`, `unitInterval` and `interval(a, b)`,
 * so set relations reduce to comparing bounds; an interval also contains any integer range
 * that fits inside it (ℤ ⊂ ℝ).
 */
import type { Tensor } from '@tensorflow/tfjs';
import { tfjs } from '../../runtime/lazy-tfjs.js';
import { Constraint, formatBound } from './constraint.js';
import { IntegerInterval } from './integer-interval.js';

export class RealInterval extends Constraint {
  readonly eventRank = 0;
  readonly isDiscrete = false;

  constructor(
    readonly lower: number,
    readonly upper: number,
    readonly lowerClosed = false,
    readonly upperClosed = false,
  ) {
    super();
    if (Number.isNaN(lower) || Number.isNaN(upper) || !(lower < upper)) {
      throw new RangeError(`interval: need lower < upper, got (${lower}, ${upper})`);
    }
  }

  get name(): string {
    if (this.lower === -Infinity && this.upper === Infinity) return 'Real';
    if (this.upper === Infinity) return this.lowerClosed ? 'GreaterThanEq' : 'GreaterThan';
    if (this.lower === -Infinity) return this.upperClosed ? 'LessThanEq' : 'LessThan';
    return this.lowerClosed || this.upperClosed ? 'ClosedInterval' : 'Interval';
  }

  check(x: Tensor): Tensor {
    const tf = tfjs();
    return tf.tidy(() => {
      const lo = this.lowerClosed ? tf.greaterEqual(x, this.lower) : tf.greater(x, this.lower);
      const hi = this.upperClosed ? tf.lessEqual(x, this.upper) : tf.less(x, this.upper);
      // NaN fails both comparisons, so it is rejected even for Real.
      return tf.logicalAnd(lo, hi);
    });
  }

  equals(other: Constraint): boolean {
    other = other.elementSet;
    return (
      other instanceof RealInterval &&
      other.lower === this.lower &&
      other.upper === this.upper &&
      (this.lower === -Infinity || other.lowerClosed === this.lowerClosed) &&
      (this.upper === Infinity || other.upperClosed === this.upperClosed)
    );
  }

  contains(other: Constraint): boolean {
    other = other.elementSet;
    if (other instanceof RealInterval) {
      return this.admitsLow(other.lower, other.lowerClosed) && this.admitsHigh(other.upper, other.upperClosed);
    }
    if (other instanceof IntegerInterval) {
      return this.admitsLow(other.lower, other.lower !== -Infinity) && this.admitsHigh(other.upper, other.upper !== Infinity);
    }
    return false;
  }

  toString(): string {
    const lo = formatBound(this.lower);
    const hi = formatBound(this.upper);
    switch (this.name) {
      case 'Real':
        return 'Real';
      case 'GreaterThan':
      case 'GreaterThanEq':
        return `${this.name}(${lo})`;
      case 'LessThan':
      case 'LessThanEq':
        return `${this.name}(${hi})`;
      case 'Interval':
        return `Interval(${lo}, ${hi})`;
      default:
        return `${this.lowerClosed ? '[' : '('}${lo}, ${hi}${this.upperClosed ? ']' : ')'}`;
    }
  }

  /** Whether a set starting at `lower` (included when `closed`) starts inside this interval. */
  private admitsLow(lower: number, closed: boolean): boolean {
    if (lower > this.lower) return true;
    return lower === this.lower && (this.lowerClosed || !closed || lower === -Infinity);
  }

  private admitsHigh(upper: number, closed: boolean): boolean {
    if (upper < this.upper) return true;
    return upper === this.upper && (this.upperClosed || !closed || upper === Infinity);
  }
}
