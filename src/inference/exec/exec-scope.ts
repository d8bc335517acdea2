/**
 * The scope of one execution: values bound by the engine (data batch, parameters, latent draws)
 * and `let` definitions evaluated on first use and cached for the rest of the execution.
 */
import type { LetNode } from '../../graph/ir.js';
import type { Mlp } from '../../nn/index.js';
import { evaluate, type Scope } from './evaluate.js';
import type { RowValue } from './row-value.js';

export class ExecScope implements Scope {
  private readonly bound = new Map<string, RowValue>();

  constructor(
    readonly lead: number,
    private readonly lets: ReadonlyMap<string, LetNode>,
    private readonly nets: (id: string) => Mlp,
    private readonly parent?: Scope,
  ) {}

  bind(id: string, value: RowValue): void {
    this.bound.set(id, value);
  }

  /** Drop cached `let` values (after the draws they were computed from changed shape). */
  forgetLets(): void {
    for (const id of this.lets.keys()) this.bound.delete(id);
  }

  has(id: string): boolean {
    return this.bound.has(id) || this.lets.has(id);
  }

  value(id: string): RowValue {
    const bound = this.bound.get(id);
    if (bound) return bound;
    const let_ = this.lets.get(id);
    if (let_) {
      const v = evaluate(let_.expr, this);
      this.bound.set(id, v);
      return v;
    }
    if (this.parent) return this.parent.value(id);
    throw new Error(`internal: '${id}' has no value in this execution`);
  }

  net(id: string): Mlp {
    return this.nets(id);
  }
}
