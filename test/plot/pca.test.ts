import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { principalComponents } from '../../src/plot/pca.js';
import { PlotInputError } from '../../src/plot/plot-error.js';

/**
 * A plane in ℝ⁵: x = μ + a·u₁ + b·u₂ with u₁, u₂ orthonormal and (a, b) on the grid
 * {−3..3} × {−1, 0, 1}. The grid is centred and Σab = 0, so the sample covariance is exactly
 * var(a)·u₁u₁ᵀ + var(b)·u₂u₂ᵀ with var(a) = 3·28/20 = 4.2 and var(b) = 7·2/20 = 0.7.
 */
const mu = [5, -2, 0.5, 10, 1];
const u1 = [1, 2, 0, 2, 0].map((v) => v / 3); // largest entry positive
const u2 = [2, -1, 0, 0, 2].map((v) => v / 3); // orthogonal to u1; tie between ±2 → first index
const grid: [number, number][] = [];
for (let a = -3; a <= 3; a++) for (let b = -1; b <= 1; b++) grid.push([a, b]);

function embed(v1: number[], v2: number[]): Float64Array {
  const data = new Float64Array(grid.length * 5);
  grid.forEach(([a, b], i) => {
    for (let j = 0; j < 5; j++) data[i * 5 + j] = mu[j]! + a * v1[j]! + b * v2[j]!;
  });
  return data;
}

describe('principalComponents', () => {
  it('recovers the axes, variances and scores of a plane embedded in 5-D', async () => {
    const pca = await principalComponents(embed(u1, u2), grid.length, 5, 2);
    for (let j = 0; j < 5; j++) {
      expect(pca.mean[j]).toBeCloseTo(mu[j]!, 12);
      expect(pca.components[j]).toBeCloseTo(u1[j]!, 10);
      expect(pca.components[5 + j]).toBeCloseTo(u2[j]!, 10);
    }
    expect(pca.variances[0]).toBeCloseTo(4.2, 10);
    expect(pca.variances[1]).toBeCloseTo(0.7, 10);
    expect(pca.varianceRatio[0]).toBeCloseTo(4.2 / 4.9, 10);
    expect(pca.varianceRatio[1]).toBeCloseTo(0.7 / 4.9, 10);
    grid.forEach(([a, b], i) => {
      expect(pca.scores[2 * i]).toBeCloseTo(a, 10);
      expect(pca.scores[2 * i + 1]).toBeCloseTo(b, 10);
    });
  });

  it('fixes the sign of each axis so that its largest-magnitude coordinate is positive', async () => {
    // The same plane described with negated directions gives the same components, and the
    // scores flip instead.
    const neg = (v: number[]) => v.map((x) => -x);
    const pca = await principalComponents(embed(neg(u1), neg(u2)), grid.length, 5, 2);
    for (let j = 0; j < 5; j++) {
      expect(pca.components[j]).toBeCloseTo(u1[j]!, 10);
      expect(pca.components[5 + j]).toBeCloseTo(u2[j]!, 10);
    }
    expect(pca.scores[0]).toBeCloseTo(3, 10); // grid[0] = (−3, −1) along −u1
    expect(pca.scores[1]).toBeCloseTo(1, 10);
  });

  it('caps k at the dimension and accepts Float32Array input', async () => {
    const data = new Float32Array([0, 0, 2, 2, 4, 4]);
    const pca = await principalComponents(data, 3, 2, 5);
    expect(pca.components.length).toBe(4);
    expect(pca.components[0]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(pca.components[1]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(pca.variances[0]).toBeCloseTo(8, 6); // var along (1,1)/√2 of {0, 2√2, 4√2}
    expect(pca.variances[1]).toBeCloseTo(0, 6);
  });

  it('matches numpy/scikit-learn on the 1,797 8×8 digits (64-D), sign convention included', async () => {
    // Reference: test/plot/fixtures/digits-pca.py (LAPACK eigh, cross-checked with sklearn PCA).
    const ref = JSON.parse(readFileSync(new URL('./fixtures/digits-pca.json', import.meta.url), 'utf8'));
    const [header, ...lines] = readFileSync('/work/shared/data/digits/digits.csv', 'utf8').trim().split('\n');
    const pixelColumns = Array.from({ length: 64 }, (_, j) => header!.split(',').indexOf(`p${j}`));
    const data = new Float64Array(lines.length * 64);
    lines.forEach((line, i) => {
      const cells = line.split(',').map(Number);
      pixelColumns.forEach((col, j) => (data[i * 64 + j] = cells[col]!));
    });
    expect(lines.length).toBe(ref.n);

    const pca = await principalComponents(data, ref.n, 64, 2);
    for (let c = 0; c < 2; c++) {
      expect(pca.variances[c]! / ref.variances[c]).toBeCloseTo(1, 10);
      expect(pca.varianceRatio[c]).toBeCloseTo(ref.varianceRatio[c], 10);
      for (let j = 0; j < 64; j++) expect(pca.components[c * 64 + j]).toBeCloseTo(ref.components[c][j], 8);
      for (let i = 0; i < 10; i++) expect(pca.scores[i * 2 + c]).toBeCloseTo(ref.scoresFirst10[i][c], 7);
    }
  });

  it('reports mis-sized or non-finite data by name', async () => {
    await expect(principalComponents(new Float32Array(5), 2, 3)).rejects.toThrow(
      /PCA data \(n×d\) has length 5, expected 6/,
    );
    await expect(principalComponents([1, NaN, 0, 0], 2, 2)).rejects.toThrow(PlotInputError);
    await expect(principalComponents([1, 2], 1, 2)).rejects.toThrow(/PCA rows n must be an integer ≥ 2/);
  });
});
