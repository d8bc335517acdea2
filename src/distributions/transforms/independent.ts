/**
 * A transform with `reinterpreted` more trailing dims treated as one event: its log |det J| is
 * additionally summed over those dims. The unconstraining transform of `independent(c, n)`.
 */
import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '@tensorflow/tfjs';
import { independent, type Constraint } from '../constraints/index.js';
import { sumRightmost } from '../ops.js';
import { Transform } from './transform.js';

export class IndependentTransform extends Transform {
  readonly domain: Constraint;
  readonly codomain: Constraint;

  constructor(readonly base: Transform, readonly reinterpreted: number) {
    super();
    this.domain = independent(base.domain, reinterpreted);
    this.codomain = independent(base.codomain, reinterpreted);
  }

  get name(): string {
    return `Independent(${this.base}, ${this.reinterpreted})`;
  }

  override get domainEventRank(): number {
    return this.base.domainEventRank + this.reinterpreted;
  }

  override get codomainEventRank(): number {
    return this.base.codomainEventRank + this.reinterpreted;
  }

  forward(u: Tensor): Tensor {
    return this.base.forward(u);
  }

  inverse(y: Tensor): Tensor {
    return this.base.inverse(y);
  }

  logAbsDetJacobian(u: Tensor, y: Tensor): Tensor {
    return tf.tidy(() => sumRightmost(this.base.logAbsDetJacobian(u, y), this.reinterpreted));
  }

  override forwardShape(shape: readonly number[]): number[] {
    return this.base.forwardShape(shape);
  }

  override inverseShape(shape: readonly number[]): number[] {
    return this.base.inverseShape(shape);
  }
}
