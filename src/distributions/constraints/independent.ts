/**
 * A base constraint with `reinterpreted` more trailing dims treated as one event, as the support
 * of an `Independent` distribution: a vector of positives is one event of `independent(positive, 1)`.
 */
import type { Tensor } from '@tensorflow/tfjs';
import { tfjs } from '../../runtime/lazy-tfjs.js';
import { Constraint } from './constraint.js';

export class IndependentConstraint extends Constraint {
  constructor(
    readonly base: Constraint,
    readonly reinterpreted: number,
  ) {
    super();
    if (!Number.isInteger(reinterpreted) || reinterpreted < 0) {
      throw new RangeError(`independent: reinterpreted dims must be a non-negative integer, got ${reinterpreted}`);
    }
  }

  get name(): string {
    return 'Independent';
  }

  get eventRank(): number {
    return this.base.eventRank + this.reinterpreted;
  }

  get isDiscrete(): boolean {
    return this.base.isDiscrete;
  }

  check(x: Tensor): Tensor {
    const tf = tfjs();
    return tf.tidy(() => {
      const ok = this.base.check(x);
      if (this.reinterpreted === 0) return ok;
      const axes = Array.from({ length: this.reinterpreted }, (_, i) => ok.rank - 1 - i);
      return tf.all(ok, axes);
    });
  }

  override get elementSet(): Constraint {
    return this.base.elementSet;
  }

  /** Equal sets of events: same elementwise set and the same event rank. */
  equals(other: Constraint): boolean {
    return this.base.equals(other.elementSet) && other.eventRank === this.eventRank;
  }

  /** Event dims do not change which elements are allowed, so containment is the elementwise set's. */
  contains(other: Constraint): boolean {
    return this.base.contains(other.elementSet);
  }

  toString(): string {
    return this.reinterpreted === 0 ? this.base.toString() : `Independent(${this.base}, ${this.reinterpreted})`;
  }
}

