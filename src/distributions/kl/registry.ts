/**
 * The KL registry: `registerKL(P, Q, fn)` declares an analytic KL(p ‖ q) for p an instance of class
 * P and q of class Q. Dispatch picks the most specific registered pair, measured by how far up the
 * class hierarchies of p and q the registered classes are (closest first for p, then for q), so a
 * subclass registration overrides its parent's. A pair with no registration has no closed form:
 * `klDivergence` throws `NoClosedFormKLError` and `tryKLDivergence` returns undefined, and callers
 * fall back to a Monte Carlo estimate E_p[log p(z) − log q(z)].
 */
import type { Tensor } from '@tensorflow/tfjs';
import type { Distribution } from '../distribution.js';
import { DistributionError } from '../validation.js';

export type DistributionClass<D extends Distribution = Distribution> = abstract new (...args: any[]) => D;

/** KL(p ‖ q) per batch element (event dims summed). */
export type KLFunction<P extends Distribution = Distribution, Q extends Distribution = Distribution> = (p: P, q: Q) => Tensor;

/** Thrown when no analytic KL is registered for a pair; callers catch it to fall back to Monte Carlo. */
export class NoClosedFormKLError extends DistributionError {
  constructor(p: Distribution, q: Distribution) {
    super(`no closed-form KL(${p.name} ‖ ${q.name}) is registered; estimate it by Monte Carlo instead`);
  }
}

interface Entry {
  readonly p: DistributionClass;
  readonly q: DistributionClass;
  readonly fn: KLFunction;
}

const entries: Entry[] = [];

/** Register (or replace) the analytic KL between instances of `P` and `Q`. */
export function registerKL<P extends Distribution, Q extends Distribution>(
  P: DistributionClass<P>,
  Q: DistributionClass<Q>,
  fn: KLFunction<P, Q>,
): void {
  const existing = entries.findIndex((e) => e.p === P && e.q === Q);
  const entry = { p: P, q: Q, fn: fn as KLFunction };
  if (existing >= 0) entries[existing] = entry;
  else entries.push(entry);
}

/** How many steps up the prototype chain of `x` the class `cls` sits (undefined if `x` is not one). */
function distance(x: Distribution, cls: DistributionClass): number | undefined {
  let steps = 0;
  for (let proto = Object.getPrototypeOf(x); proto; proto = Object.getPrototypeOf(proto), steps++) {
    if (proto === cls.prototype) return steps;
  }
  return undefined;
}

function lookup(p: Distribution, q: Distribution): KLFunction | undefined {
  let best: { fn: KLFunction; dp: number; dq: number } | undefined;
  for (const e of entries) {
    const dp = distance(p, e.p);
    const dq = distance(q, e.q);
    if (dp === undefined || dq === undefined) continue;
    if (!best || dp < best.dp || (dp === best.dp && dq < best.dq)) best = { fn: e.fn, dp, dq };
  }
  return best?.fn;
}

/** KL(p ‖ q) per batch element; throws `NoClosedFormKLError` when no analytic form is registered. */
export function klDivergence(p: Distribution, q: Distribution): Tensor {
  const fn = lookup(p, q);
  if (!fn) throw new NoClosedFormKLError(p, q);
  return fn(p, q);
}

/** KL(p ‖ q), or undefined when no analytic form exists for this pair. */
export function tryKLDivergence(p: Distribution, q: Distribution): Tensor | undefined {
  try {
    return klDivergence(p, q);
  } catch (e) {
    // A registered function may itself find no closed form (e.g. Independent wrappers of different rank).
    if (e instanceof NoClosedFormKLError) return undefined;
    throw e;
  }
}
