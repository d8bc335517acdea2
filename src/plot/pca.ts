/**
 * Principal component analysis of a small data matrix, off the autodiff path.
 *
 * With X the n×d data centred by its column means μ, the sample covariance is
 * C = XᵀX / (n − 1). Its unit eigenvectors v₁, v₂, … ordered by decreasing eigenvalue λ₁ ≥ λ₂ ≥ …
 * are the principal axes; the scores are (x − μ)·vₖ and λₖ / Σλ is the share of variance each
 * axis explains. The eigenproblem is solved with mathjs (Jacobi rotations for symmetric input),
 * imported on first use because mathjs takes about a second to load.
 *
 * Eigenvectors are defined only up to sign, so each axis is flipped to make its largest-magnitude
 * coordinate positive (the first one on ties): the same data always gives the same picture.
 */
import { requireInteger, requireFinite, requireLength } from './check-input.js';

export interface Pca {
  /** Column means μ (length d). */
  readonly mean: Float64Array;
  /** Principal axes, row-major k×d, unit length, in decreasing order of variance. */
  readonly components: Float64Array;
  /** Scores (x − μ)·vₖ, row-major n×k. */
  readonly scores: Float64Array;
  /** λₖ, the variance along each axis. */
  readonly variances: number[];
  /** λₖ / Σλ, the share of total variance along each axis. */
  readonly varianceRatio: number[];
}

/** The first `k` principal components of `data` (row-major n×d). */
export async function principalComponents(data: ArrayLike<number>, n: number, d: number, k = 2): Promise<Pca> {
  requireInteger('PCA rows n', n, 2);
  requireInteger('PCA columns d', d, 1);
  requireInteger('PCA component count k', k, 1);
  k = Math.min(k, d);
  requireLength('PCA data (n×d)', data, n * d);
  requireFinite('PCA data', data);

  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j]! += data[i * d + j]!;
  for (let j = 0; j < d; j++) mean[j]! /= n;

  const cov: number[][] = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) row[j] = data[i * d + j]! - mean[j]!;
    for (let a = 0; a < d; a++) for (let b = a; b < d; b++) cov[a]![b]! += row[a]! * row[b]!;
  }
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      cov[a]![b]! /= n - 1;
      cov[b]![a] = cov[a]![b]!;
    }
  }

  const { eigs } = await import('mathjs');
  const { eigenvectors } = eigs(cov, { eigenvectors: true });
  const pairs = eigenvectors
    .map((e) => ({ value: Number(e.value), vector: (e.vector as number[]).map(Number) }))
    .sort((p, q) => q.value - p.value);
  const total = pairs.reduce((s, p) => s + Math.max(p.value, 0), 0);

  const components = new Float64Array(k * d);
  for (let c = 0; c < k; c++) {
    const v = pairs[c]!.vector;
    let pivot = 0;
    for (let j = 1; j < d; j++) if (Math.abs(v[j]!) > Math.abs(v[pivot]!) + 1e-12) pivot = j;
    const sign = v[pivot]! < 0 ? -1 : 1;
    const norm = Math.hypot(...v);
    for (let j = 0; j < d; j++) components[c * d + j] = (sign * v[j]!) / norm;
  }

  const scores = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += (data[i * d + j]! - mean[j]!) * components[c * d + j]!;
      scores[i * k + c] = s;
    }
  }
  const variances = pairs.slice(0, k).map((p) => Math.max(p.value, 0));
  return {
    mean,
    components,
    scores,
    variances,
    varianceRatio: variances.map((v) => (total > 0 ? v / total : 0)),
  };
}
