/**
 * Small dense float64 matrices on the host, for the linear-Gaussian E- and M-steps: they work on
 * D×D and K×K sufficient statistics, where float32 would lose the 1e-4 nats per point that the
 * maximum-likelihood solution is checked to, and where the sizes are too small for tensor kernels
 * to pay off.
 */
import { EmError } from './types.js';

/** A row-major rows × cols matrix. */
export interface Mat {
  readonly rows: number;
  readonly cols: number;
  readonly v: Float64Array;
}

export function mat(rows: number, cols: number, v: ArrayLike<number> = new Float64Array(rows * cols)): Mat {
  if (v.length !== rows * cols) throw new Error(`internal: ${v.length} values for a ${rows}×${cols} matrix`);
  return { rows, cols, v: Float64Array.from(v) };
}

export function diagonal(values: ArrayLike<number>): Mat {
  const n = values.length;
  const m = mat(n, n);
  for (let i = 0; i < n; i++) m.v[i * n + i] = values[i]!;
  return m;
}

export function identity(n: number): Mat {
  return diagonal(new Float64Array(n).fill(1));
}

export function transpose(a: Mat): Mat {
  const t = mat(a.cols, a.rows);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) t.v[j * a.rows + i] = a.v[i * a.cols + j]!;
  return t;
}

export function matMul(a: Mat, b: Mat): Mat {
  if (a.cols !== b.rows) throw new Error(`internal: ${a.rows}×${a.cols} @ ${b.rows}×${b.cols}`);
  const out = mat(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let k = 0; k < a.cols; k++) {
      const aik = a.v[i * a.cols + k]!;
      if (aik === 0) continue;
      for (let j = 0; j < b.cols; j++) out.v[i * b.cols + j] += aik * b.v[k * b.cols + j]!;
    }
  }
  return out;
}

export function add(a: Mat, b: Mat, scaleB = 1): Mat {
  return mat(a.rows, a.cols, a.v.map((x, i) => x + scaleB * b.v[i]!));
}

export function trace(a: Mat): number {
  let t = 0;
  for (let i = 0; i < a.rows; i++) t += a.v[i * a.cols + i]!;
  return t;
}

/** Cholesky factor of a symmetric positive-definite matrix (lower triangular). */
export function cholesky(a: Mat, what: string): Mat {
  const n = a.rows;
  const l = mat(n, n);
  for (let j = 0; j < n; j++) {
    let d = a.v[j * n + j]!;
    for (let k = 0; k < j; k++) d -= l.v[j * n + k]! ** 2;
    if (!(d > 0)) throw new EmError(`EM: ${what} is not positive definite (pivot ${j} is ${d})`);
    const ljj = Math.sqrt(d);
    l.v[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a.v[i * n + j]!;
      for (let k = 0; k < j; k++) s -= l.v[i * n + k]! * l.v[j * n + k]!;
      l.v[i * n + j] = s / ljj;
    }
  }
  return l;
}

/** log det of a positive-definite matrix from its Cholesky factor: 2 Σ log L_ii. */
export function logDetFromCholesky(l: Mat): number {
  let s = 0;
  for (let i = 0; i < l.rows; i++) s += Math.log(l.v[i * l.cols + i]!);
  return 2 * s;
}

/** A⁻¹ B for positive-definite A, given A's Cholesky factor L (two triangular solves). */
export function cholSolve(l: Mat, b: Mat): Mat {
  const n = l.rows;
  const x = mat(b.rows, b.cols, b.v);
  for (let c = 0; c < b.cols; c++) {
    for (let i = 0; i < n; i++) {
      let s = x.v[i * b.cols + c]!;
      for (let k = 0; k < i; k++) s -= l.v[i * n + k]! * x.v[k * b.cols + c]!;
      x.v[i * b.cols + c] = s / l.v[i * n + i]!;
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = x.v[i * b.cols + c]!;
      for (let k = i + 1; k < n; k++) s -= l.v[k * n + i]! * x.v[k * b.cols + c]!;
      x.v[i * b.cols + c] = s / l.v[i * n + i]!;
    }
  }
  return x;
}
