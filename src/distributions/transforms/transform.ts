/**
 * A bijection between constrained sets with a tractable Jacobian: y = f(u).
 *
 * `logAbsDetJacobian(u, y)` is log |det ∂f/∂u| summed over the domain's event dims, so its shape is
 * `u.shape` without the last `domainEventRank` dims. Shape-changing transforms (stick-breaking:
 * ℝ^{K−1} → simplex^K) say so through `forwardShape` / `inverseShape`, which is how automatic
 * guides learn the unconstrained size of a constrained latent.
 */
import type { Tensor } from '@tensorflow/tfjs';
import type { Constraint } from '../constraints/index.js';

export abstract class Transform {
  abstract readonly name: string;
  abstract readonly domain: Constraint;
  abstract readonly codomain: Constraint;

  /** Event rank of inputs (trailing dims consumed together). */
  get domainEventRank(): number {
    return this.domain.eventRank;
  }

  /** Event rank of outputs. */
  get codomainEventRank(): number {
    return this.codomain.eventRank;
  }

  abstract forward(u: Tensor): Tensor;
  abstract inverse(y: Tensor): Tensor;
  abstract logAbsDetJacobian(u: Tensor, y: Tensor): Tensor;

  /** The output shape for an input of `shape`. */
  forwardShape(shape: readonly number[]): number[] {
    return [...shape];
  }

  /** The input shape for an output of `shape`. */
  inverseShape(shape: readonly number[]): number[] {
    return [...shape];
  }

  toString(): string {
    return this.name;
  }
}
