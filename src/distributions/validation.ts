/**
 * Argument and value validation: on by default, with a global switch the inference engine turns
 * off in hot loops (checks read tensors back to the host).
 *
 * Messages name the distribution, the parameter, its shape, the constraint, and the first bad value:
 *   Normal: parameter 'scale' (shape [3]) must satisfy GreaterThan(0), but found -1 at index [1]
 */
import type { Tensor } from '@tensorflow/tfjs';
import type { Constraint } from './constraints/index.js';
import { formatShape, unravelIndex } from './shapes.js';

/** A user-facing error about a distribution's parameters, values or capabilities. */
export class DistributionError extends Error {
  override readonly name = 'DistributionError';
}

let enabled = true;

/** Turn validation on or off for every distribution built afterwards without an explicit `validateArgs`. */
export function setValidation(on: boolean): void {
  enabled = on;
}

export function validationEnabled(): boolean {
  return enabled;
}

/**
 * Throw a `DistributionError` unless every event of `x` satisfies `constraint`.
 * `what` names the checked thing, e.g. `parameter 'scale'` or `value`.
 */
export function assertSatisfies(family: string, what: string, x: Tensor, constraint: Constraint, verb = 'must satisfy'): void {
  const ok = constraint.check(x);
  const flags = ok.dataSync();
  const okShape = ok.shape;
  ok.dispose();
  const bad = flags.findIndex((f) => !f);
  if (bad < 0) return;
  const index = unravelIndex(bad, okShape);
  throw new DistributionError(
    `${family}: ${what} (shape ${formatShape(x.shape)}) ${verb} ${constraint}, but found ${describeEvent(x, bad, constraint.eventRank)} at index ${formatShape(index)}`,
  );
}

/** The offending event as text: a number, or a short bracketed list for vector/matrix events. */
function describeEvent(x: Tensor, eventIndex: number, eventRank: number): string {
  const eventSize = x.shape.slice(x.rank - eventRank).reduce((a, b) => a * b, 1);
  const values = Array.from(x.dataSync().subarray(eventIndex * eventSize, (eventIndex + 1) * eventSize));
  const fmt = (v: number) => String(Number(v.toPrecision(6)));
  if (eventRank === 0) return fmt(values[0]!);
  const shown = values.slice(0, 8).map(fmt).join(', ');
  return `[${shown}${values.length > 8 ? ', …' : ''}]`;
}
