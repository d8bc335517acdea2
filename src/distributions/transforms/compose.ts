/**
 * The composition y = f_n(… f_1(u)): log |det J| is the sum of the parts', each summed down to
 * the composition's event dims.
 */
import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '@tensorflow/tfjs';
import type { Constraint } from '../constraints/index.js';
import { sumRightmost } from '../ops.js';
import { Transform } from './transform.js';

export class ComposeTransform extends Transform {
  readonly name: string;
  readonly domain: Constraint;
  readonly codomain: Constraint;
  private readonly inputRank: number;

  constructor(readonly parts: readonly Transform[]) {
    super();
    if (parts.length === 0) throw new RangeError('ComposeTransform: needs at least one transform');
    this.domain = parts[0]!.domain;
    this.codomain = parts[parts.length - 1]!.codomain;
    this.name = `Compose(${parts.map((p) => p.toString()).join(', ')})`;
    // Walk back from the output: an earlier part may need more trailing dims than it consumes itself.
    let rank = parts[parts.length - 1]!.domainEventRank;
    for (let i = parts.length - 2; i >= 0; i--) {
      const part = parts[i]!;
      rank = Math.max(rank + part.domainEventRank - part.codomainEventRank, part.domainEventRank);
    }
    this.inputRank = rank;
  }

  override get domainEventRank(): number {
    return this.inputRank;
  }

  override get codomainEventRank(): number {
    return this.parts.reduce((r, p) => r + p.codomainEventRank - p.domainEventRank, this.inputRank);
  }

  forward(u: Tensor): Tensor {
    return tf.tidy(() => this.parts.reduce((x, p) => p.forward(x), u));
  }

  inverse(y: Tensor): Tensor {
    return tf.tidy(() => this.parts.reduceRight((x, p) => p.inverse(x), y));
  }

  logAbsDetJacobian(u: Tensor): Tensor {
    return tf.tidy(() => {
      const batchRank = u.rank - this.inputRank;
      let x = u;
      let total: Tensor | undefined;
      for (const part of this.parts) {
        const y = part.forward(x);
        const ladj = part.logAbsDetJacobian(x, y);
        const term = sumRightmost(ladj, ladj.rank - batchRank);
        total = total ? tf.add(total, term) : term;
        x = y;
      }
      return total!;
    });
  }

  override forwardShape(shape: readonly number[]): number[] {
    return this.parts.reduce((s, p) => p.forwardShape(s), [...shape]);
  }

  override inverseShape(shape: readonly number[]): number[] {
    return this.parts.reduceRight((s, p) => p.inverseShape(s), [...shape]);
  }
}
