/**
 * Support rules: which values a declared kind allows, with the message for one that it does not.
 *
 * Continuous kinds are checked as closed sets: `unit` data may be exactly 0 or 1 (pixel
 * intensities are), `interval(a, b)` data may equal a or b. `positive` is strict (> 0): a zero
 * has no log. Structured kinds check whole vectors or matrices in the trailing dims of a row.
 */
import type { DataSpec } from './spec.js';

/** |Σ p − 1| allowed for a simplex row (values written to 4–5 decimals still pass). */
export const SIMPLEX_TOLERANCE = 1e-4;
/** Relative asymmetry |a_ij − a_ji| / max(1, |a_ij|) allowed for a covariance matrix. */
export const SYMMETRY_TOLERANCE = 1e-6;

const INT32_MAX = 2 ** 31 - 1;

/** Reports a problem in one row at a flat offset within the row (or for a sub-block when `block` is given). */
export type RowReporter = (offset: number, message: string, block?: string) => void;

export interface SupportRule {
  /** Why `v` is not allowed, or undefined when it is. Only finite values are passed. */
  check(v: number): string | undefined;
  /** Checks across the values of one row (simplex sums, triangularity, definiteness). */
  checkRow?(row: Float64Array, report: RowReporter): void;
  readonly hint: string;
}

/** Format a value the way a user would recognise it (float32 noise trimmed). */
export function formatValue(v: number): string {
  return String(Number(v.toPrecision(8)));
}

export function supportRule(spec: DataSpec, dynamicBinarization: boolean): SupportRule {
  const f = formatValue;
  switch (spec.kind) {
    case 'real':
      return { check: () => undefined, hint: 'real data may be any finite number' };
    case 'positive':
      return { check: (v) => (v > 0 ? undefined : `${f(v)} is not positive (expected a value > 0)`), hint: 'positive data must be > 0; shift the data or declare the variable real' };
    case 'unit':
      return { check: (v) => (v >= 0 && v <= 1 ? undefined : `${f(v)} is outside [0, 1]`), hint: 'unit data must lie in [0, 1]; rescale the data or declare the variable real' };
    case 'interval': {
      const [a, b] = spec.kindArgs as [number, number];
      return { check: (v) => (v >= a && v <= b ? undefined : `${f(v)} is outside [${a}, ${b}]`), hint: `interval(${a}, ${b}) data must lie in [${a}, ${b}]` };
    }
    case 'binary':
      return dynamicBinarization
        ? { check: (v) => (v >= 0 && v <= 1 ? undefined : `${f(v)} is not an intensity in [0, 1] (binarize: dynamic)`), hint: 'dynamic binarization draws x ~ Bernoulli(value), so values must be probabilities in [0, 1]' }
        : { check: (v) => (v === 0 || v === 1 ? undefined : `${f(v)} is not a valid binary value (expected 0 or 1)`), hint: 'binary data must be 0 or 1; to binarize intensities in [0, 1] load with binarize {threshold: 0.5} (--binarize 0.5) or dynamic (--binarize dynamic)' };
    case 'int':
      return { check: (v) => (!Number.isInteger(v) ? `${f(v)} is not an integer` : Math.abs(v) > INT32_MAX ? `${f(v)} does not fit a 32-bit integer` : undefined), hint: 'int data must be whole numbers; declare the variable real for fractional values' };
    case 'count':
      return { check: (v) => (Number.isInteger(v) && v >= 0 && v <= INT32_MAX ? undefined : `${f(v)} is not a valid count (expected a non-negative integer)`), hint: 'count data are 0, 1, 2, ...' };
    case 'category': {
      const k = spec.kindArgs[0]!;
      return { check: (v) => (Number.isInteger(v) && v >= 0 && v < k ? undefined : `${f(v)} is not a valid category (expected an integer in 0..${k - 1})`), hint: `category(${k}) values are numbered from 0 to ${k - 1}; subtract 1 if the file numbers them from 1` };
    }
    case 'simplex':
      return {
        check: (v) => (v >= 0 ? undefined : `${f(v)} is negative (simplex entries are >= 0)`),
        checkRow: (row, report) => checkSimplexRow(spec, row, report),
        hint: `each simplex vector must have entries >= 0 summing to 1 (within ${SIMPLEX_TOLERANCE})`,
      };
    case 'cholesky':
      return { check: () => undefined, checkRow: (row, report) => checkCholeskyRow(spec, row, report), hint: 'a Cholesky factor is lower-triangular (zeros above the diagonal) with a positive diagonal' };
    case 'covariance':
      return { check: () => undefined, checkRow: (row, report) => checkCovarianceRow(spec, row, report), hint: 'a covariance matrix must be symmetric and positive definite' };
  }
}

/** The name of sub-block `b` of a row with trailing block rank `rank`: `p` or `p[2,:]`, `S[3,:,:]`. */
function blockName(spec: DataSpec, b: number, rank: number): string {
  const lead = spec.shape.slice(0, spec.shape.length - rank);
  if (lead.length === 0) return spec.name;
  const index: number[] = [];
  let rest = b;
  for (let k = lead.length - 1; k >= 0; k--) {
    index.unshift((rest % lead[k]!) + 1);
    rest = Math.floor(rest / lead[k]!);
  }
  return `${spec.name}[${[...index, ...new Array<string>(rank).fill(':')].join(',')}]`;
}

function checkSimplexRow(spec: DataSpec, row: Float64Array, report: RowReporter): void {
  const k = spec.shape[spec.shape.length - 1]!;
  for (let b = 0, start = 0; start < row.length; b++, start += k) {
    let sum = 0;
    for (let i = start; i < start + k; i++) sum += row[i]!;
    if (Math.abs(sum - 1) > SIMPLEX_TOLERANCE) {
      report(start, `the entries sum to ${formatValue(sum)}, not 1`, blockName(spec, b, 1));
    }
  }
}

function checkCholeskyRow(spec: DataSpec, row: Float64Array, report: RowReporter): void {
  const d = spec.shape[spec.shape.length - 1]!;
  for (let start = 0; start < row.length; start += d * d) {
    for (let i = 0; i < d; i++) {
      const diag = row[start + i * d + i]!;
      if (!(diag > 0)) report(start + i * d + i, `diagonal entry ${formatValue(diag)} is not positive`);
      for (let j = i + 1; j < d; j++) {
        const v = row[start + i * d + j]!;
        if (v !== 0) report(start + i * d + j, `${formatValue(v)} is above the diagonal of a Cholesky factor (expected 0)`);
      }
    }
  }
}

function checkCovarianceRow(spec: DataSpec, row: Float64Array, report: RowReporter): void {
  const d = spec.shape[spec.shape.length - 1]!;
  for (let b = 0, start = 0; start < row.length; b++, start += d * d) {
    let symmetric = true;
    for (let i = 0; i < d; i++) {
      for (let j = i + 1; j < d; j++) {
        const a = row[start + i * d + j]!;
        const t = row[start + j * d + i]!;
        if (Math.abs(a - t) > SYMMETRY_TOLERANCE * Math.max(1, Math.abs(a))) {
          report(start + i * d + j, `the matrix is not symmetric: ${formatValue(a)} here but ${formatValue(t)} at [${j + 1},${i + 1}]`);
          symmetric = false;
        }
      }
    }
    if (symmetric && !isPositiveDefinite(row, start, d)) {
      report(start, 'the matrix is not positive definite', blockName(spec, b, 2));
    }
  }
}

/** Whether the symmetric d×d block at `start` has a Cholesky factorization with positive pivots. */
function isPositiveDefinite(a: Float64Array, start: number, d: number): boolean {
  const l = new Float64Array(d * d);
  for (let j = 0; j < d; j++) {
    let pivot = a[start + j * d + j]!;
    for (let k = 0; k < j; k++) pivot -= l[j * d + k]! ** 2;
    if (!(pivot > 0)) return false;
    const ljj = Math.sqrt(pivot);
    l[j * d + j] = ljj;
    for (let i = j + 1; i < d; i++) {
      let s = a[start + i * d + j]!;
      for (let k = 0; k < j; k++) s -= l[i * d + k]! * l[j * d + k]!;
      l[i * d + j] = s / ljj;
    }
  }
  return true;
}
