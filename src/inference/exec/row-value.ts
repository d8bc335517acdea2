/**
 * Runtime values of the engine: a tensor whose leading axes are the execution's batch axes and
 * whose trailing axes are the value's own *row shape* (its shape for one data row, as the checker
 * inferred it).
 *
 *   lead axes = [enumeration axes…, Monte Carlo samples S, data rows B]
 *
 * Every value in one execution has the same number of lead axes; an axis a value does not vary
 * along has size 1 (data: S = 1; globals: B = 1; parameters: all 1), so tfjs broadcasting lines
 * values up once their row parts are aligned. Keeping the lead axes explicit (rather than
 * right-aligning everything numpy-style) is what lets a scalar per row meet a vector per row.
 */
import * as tf from '@tensorflow/tfjs';
import { broadcastTo } from '../../distributions/index.js';

export interface RowValue {
  readonly t: tf.Tensor;
  /** Trailing axes that are the value's own shape. */
  readonly rowRank: number;
}

export function rowValue(t: tf.Tensor, rowRank: number): RowValue {
  return { t, rowRank };
}

export function leadRank(v: RowValue): number {
  return v.t.rank - v.rowRank;
}

export function rowShape(v: RowValue): number[] {
  return v.t.shape.slice(leadRank(v));
}

export function leadShape(v: RowValue): number[] {
  return v.t.shape.slice(0, leadRank(v));
}

/** A constant or parameter with no lead variation: shape [1 × lead, ...row]. */
export function liftConstant(t: tf.Tensor, lead: number): RowValue {
  return { t: t.reshape([...ones(lead), ...t.shape]), rowRank: t.rank };
}

/** Insert size-1 axes between the lead and row parts so that the row rank becomes `rank`. */
export function padRow(v: RowValue, rank: number): RowValue {
  if (v.rowRank >= rank) return v;
  return { t: v.t.reshape([...leadShape(v), ...ones(rank - v.rowRank), ...rowShape(v)]), rowRank: rank };
}

/** Elementwise binary operation with numpy broadcasting on the row parts. */
export function elementwise(a: RowValue, b: RowValue, op: (x: tf.Tensor, y: tf.Tensor) => tf.Tensor): RowValue {
  const rank = Math.max(a.rowRank, b.rowRank);
  return { t: op(padRow(a, rank).t, padRow(b, rank).t), rowRank: rank };
}

export function map(v: RowValue, f: (x: tf.Tensor) => tf.Tensor): RowValue {
  return { t: f(v.t), rowRank: v.rowRank };
}

/** Sum over all row axes (a value per lead position), or over one row axis. */
export function sumRow(v: RowValue, axis?: number): RowValue {
  const lead = leadRank(v);
  if (axis === undefined) {
    if (v.rowRank === 0) return v;
    return { t: v.t.sum(range(lead, v.t.rank)), rowRank: 0 };
  }
  return { t: v.t.sum(lead + axis), rowRank: v.rowRank - 1 };
}

/**
 * The matrix product of row values: matrix @ vector ([D,K] @ [K] → [D]), vector @ matrix
 * ([K] @ [K,D] → [D]), matrix @ matrix, and vector @ vector (the dot product).
 *
 * When the left operand is a matrix with no lead variation (a parameter), the product is one 2-D
 * matMul over all lead positions at once, which is what the WASM kernels are fastest at; the
 * general case broadcasts with an elementwise product and a sum, which is exact but slower.
 */
export function matmul(a: RowValue, b: RowValue): RowValue {
  if (a.rowRank === 1 && b.rowRank === 1) return sumRow(elementwise(a, b, tf.mul), 0);
  if (a.rowRank === 2 && b.rowRank === 1 && isShared(a)) {
    // z [lead, K] @ Wᵀ [K, D]: transpose W once rather than asking matMul to.
    const [d, k] = rowShape(a);
    const lead = leadShape(b);
    const flat = b.t.reshape([-1, k]);
    const out = tf.matMul(flat, a.t.reshape([d, k]).transpose());
    return { t: out.reshape([...lead, d]), rowRank: 1 };
  }
  if (a.rowRank === 1 && b.rowRank === 2 && isShared(b)) {
    const [k, d] = rowShape(b);
    const lead = leadShape(a);
    const out = tf.matMul(a.t.reshape([-1, k]), b.t.reshape([k, d]));
    return { t: out.reshape([...lead, d]), rowRank: 1 };
  }
  if (a.rowRank === 1 && b.rowRank === 2) {
    // Σ_k a[k] b[k, d]: put a's k on the second-to-last axis.
    const av = { t: a.t.expandDims(-1), rowRank: 2 };
    return sumRow(elementwise(av, b, tf.mul), 0);
  }
  if (a.rowRank === 2 && b.rowRank === 1) {
    const bv = { t: b.t.expandDims(-2), rowRank: 2 };
    return sumRow(elementwise(a, bv, tf.mul), 1);
  }
  if (a.rowRank === 2 && b.rowRank === 2) {
    // [.., A, B] @ [.., B, C] = Σ_b a[A, b, 1] · b[1, b, C].
    const av = { t: a.t.expandDims(-1), rowRank: 3 };
    const bv = { t: b.t.expandDims(-3), rowRank: 3 };
    return sumRow(elementwise(av, bv, tf.mul), 1);
  }
  throw new Error(`internal: matmul of row ranks ${a.rowRank} and ${b.rowRank} should have been rejected by the checker`);
}

/** Whether a value is the same at every lead position (all lead axes of size 1). */
export function isShared(v: RowValue): boolean {
  return leadShape(v).every((s) => s === 1);
}

/** v[start:end] on row axis `axis` (0-based, half-open). */
export function sliceRow(v: RowValue, axis: number, start: number, end: number): RowValue {
  const at = leadRank(v) + axis;
  const begin = v.t.shape.map((_, i) => (i === at ? start : 0));
  const size = v.t.shape.map((s, i) => (i === at ? end - start : s));
  return { t: v.t.slice(begin, size), rowRank: v.rowRank };
}

/** v[i] on row axis `axis` with a constant index: the axis disappears. */
export function takeRow(v: RowValue, axis: number, index: number): RowValue {
  const sliced = sliceRow(v, axis, index, index + 1);
  return { t: sliced.t.squeeze([leadRank(v) + axis]), rowRank: v.rowRank - 1 };
}

/**
 * v[idx] on the first row axis with an integer-valued index that varies over lead positions
 * (`mu[c]` for a discrete latent c). The result has the index's lead shape and v's remaining row
 * shape. It is a one-hot contraction rather than a gather: the gather's gradient needs a kernel
 * (UnsortedSegmentSum) that the WASM backend lacks, and for a shared v the contraction is one
 * matrix product, [n, K] @ [K, rest].
 */
export function indexBy(v: RowValue, idx: RowValue): RowValue {
  if (idx.rowRank !== 0) throw new Error('internal: index values must be scalar per row');
  const [k, ...rest] = rowShape(v);
  const lead = broadcastShapes(leadShape(v), leadShape(idx));
  const flatIdx = idx.t.toInt().reshape([-1]);
  if (isShared(v)) {
    const picked = tf.matMul(tf.oneHot(flatIdx, k).toFloat(), v.t.reshape([k, -1]));
    const out = picked.reshape([...leadShape(idx), ...rest]);
    return { t: broadcastTo(out, [...lead, ...rest]), rowRank: rest.length };
  }
  const oneHot = tf.oneHot(flatIdx, k).reshape([...leadShape(idx), k, ...ones(rest.length)]);
  const weighted = oneHot.mul(v.t);
  return { t: weighted.sum(lead.length), rowRank: rest.length };
}

/** Stack scalar or equal-shaped row values into a new leading row axis (vector literals). */
export function stackRow(values: readonly RowValue[]): RowValue {
  const rank = Math.max(...values.map((v) => v.rowRank));
  const padded = values.map((v) => padRow(v, rank));
  const lead = padded.map(leadShape).reduce(broadcastShapes);
  const full = padded.map((v) => broadcastTo(v.t, [...lead, ...rowShape(v)]));
  return { t: tf.stack(full, lead.length), rowRank: rank + 1 };
}

export function broadcastShapes(a: readonly number[], b: readonly number[]): number[] {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1;
    const y = b[b.length - n + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) throw new Error(`internal: shapes [${a}] and [${b}] do not broadcast`);
    out.push(Math.max(x, y));
  }
  return out;
}

function ones(n: number): number[] {
  return Array.from({ length: n }, () => 1);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}
