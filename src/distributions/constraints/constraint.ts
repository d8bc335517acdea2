/**
 * A constraint: the set a parameter or a value lives in (ℝ, (0, ∞), the simplex, …).
 *
 * Two faces: `check(x)` tests tensors (one boolean per event), and the static set relations
 * `equals` / `contains` let the compiler compare supports and declared types without tensors.
 */
import type { Tensor } from '@tensorflow/tfjs';

export abstract class Constraint {
  /** A stable name used by the transform registry and in messages, e.g. `GreaterThan`. */
  abstract readonly name: string;
  /** How many trailing dims form one checked event: 0 elementwise, 1 simplex, 2 matrices. */
  abstract readonly eventRank: number;
  abstract readonly isDiscrete: boolean;

  /** One boolean per event: the shape of `x` without its last `eventRank` dims. */
  abstract check(x: Tensor): Tensor;

  /** Whether both denote the same set. */
  abstract equals(other: Constraint): boolean;

  /** Whether every element of `other` is in this set (⊇); `equals` implies `contains`. */
  abstract contains(other: Constraint): boolean;

  /** The elementwise set underneath any event reinterpretation (see `IndependentConstraint`). */
  get elementSet(): Constraint {
    return this;
  }

  /** A readable form such as `GreaterThan(0)` or `IntegerInterval(0, 9)`. */
  abstract toString(): string;
}

/** Format a bound for messages: integers plainly, others to 6 significant digits. */
export function formatBound(v: number): string {
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
}
