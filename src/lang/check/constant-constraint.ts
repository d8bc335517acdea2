/**
 * Whether a compile-time constant satisfies a constraint, decided on plain numbers (no tensors):
 * intervals elementwise, simplices per last axis, Cholesky factors and positive-definite
 * matrices per trailing matrix.
 */
import { Constraint, IntegerInterval, LowerCholesky, PositiveDefinite, RealInterval, Simplex } from '../../distributions/constraints/index.js';
import { flatten } from './fold.js';
import type { ConstValue } from './typed-expr.js';

/** The first violating element (for elementwise sets) or `true` if violated; `undefined` when satisfied or undecidable. */
export function constantViolation(constraint: Constraint, value: ConstValue, shape: readonly number[]): number | true | undefined {
  const set = constraint.elementSet;
  const flat = flatten(value);
  if (set instanceof RealInterval) {
    return flat.find((v) => !(set.lowerClosed ? v >= set.lower : v > set.lower) || !(set.upperClosed ? v <= set.upper : v < set.upper));
  }
  if (set instanceof IntegerInterval) return flat.find((v) => !Number.isInteger(v) || v < set.lower || v > set.upper);
  if (set instanceof Simplex) {
    const k = shape[shape.length - 1];
    if (k === undefined) return true;
    return events(flat, k).every((row) => row.every((v) => v >= 0) && Math.abs(row.reduce((a, b) => a + b, 0) - 1) <= 1e-6) ? undefined : true;
  }
  if (set instanceof LowerCholesky || set instanceof PositiveDefinite) {
    const d = shape[shape.length - 1];
    if (d === undefined || shape.length < 2 || shape[shape.length - 2] !== d) return true;
    const ok = set instanceof LowerCholesky ? isLowerCholesky : isPositiveDefinite;
    return events(flat, d * d).every((m) => ok(m, d)) ? undefined : true;
  }
  return undefined;
}

function events(flat: readonly number[], size: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < flat.length; i += size) out.push(flat.slice(i, i + size));
  return out;
}

/** Lower-triangular with a positive diagonal (row-major d × d). */
function isLowerCholesky(m: readonly number[], d: number): boolean {
  for (let i = 0; i < d; i++) {
    if (!(m[i * d + i]! > 0)) return false;
    for (let j = i + 1; j < d; j++) if (m[i * d + j] !== 0) return false;
  }
  return true;
}

/** Symmetric, and its Cholesky factorization A = L Lᵀ has a positive diagonal throughout. */
function isPositiveDefinite(m: readonly number[], d: number): boolean {
  const L = new Array<number>(d * d).fill(0);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      if (Math.abs(m[i * d + j]! - m[j * d + i]!) > 1e-9 * Math.max(1, Math.abs(m[i * d + j]!))) return false;
      let s = m[i * d + j]!;
      for (let k = 0; k < j; k++) s -= L[i * d + k]! * L[j * d + k]!;
      if (i === j) {
        if (!(s > 0)) return false;
        L[i * d + i] = Math.sqrt(s);
      } else L[i * d + j] = s / L[j * d + j]!;
    }
  }
  return true;
}
