/**
 * The host-side building blocks of EM: k-means++ seeding and the float64 matrix routines of the
 * linear-Gaussian steps.
 */
import { describe, expect, it } from 'vitest';
import { cholesky, cholSolve, logDetFromCholesky, mat, matMul, transpose } from '../../../src/inference/em/dense.js';
import { kmeansPlusPlus } from '../../../src/inference/em/kmeans-plus-plus.js';
import { EmError } from '../../../src/inference/em/index.js';
import { Rng } from '../../../src/runtime/rng.js';

describe('k-means++', () => {
  // Three tight clusters of 20 points at (0, 0), (10, 0), (0, 10).
  const centers = [[0, 0], [10, 0], [0, 10]];
  const x = Float64Array.from({ length: 120 }, (_, i) => centers[Math.floor(i / 40)]![i % 2]! + ((i * 7919) % 13) / 100);

  it('puts one seed in each well-separated cluster', () => {
    for (let seed = 0; seed < 20; seed++) {
      const rows = kmeansPlusPlus(x, 60, 2, 3, new Rng(seed));
      expect(new Set(Array.from(rows, (r) => Math.floor(r / 20))).size).toBe(3);
    }
  });

  it('is determined by its generator', () => {
    expect(Array.from(kmeansPlusPlus(x, 60, 2, 3, new Rng(4)))).toEqual(Array.from(kmeansPlusPlus(x, 60, 2, 3, new Rng(4))));
  });

  it('needs at least k rows', () => {
    expect(() => kmeansPlusPlus(x, 2, 2, 3, new Rng(0))).toThrow(/needs at least 3 rows/);
  });
});

describe('dense float64 matrices', () => {
  const a = mat(3, 3, [4, 2, 0.4, 2, 5, 1, 0.4, 1, 3]);

  it('Cholesky factor reproduces the matrix and its determinant', () => {
    const l = cholesky(a, 'a');
    const back = matMul(l, transpose(l));
    back.v.forEach((v, i) => expect(v).toBeCloseTo(a.v[i]!, 12));
    // det by cofactor expansion: 4(15 − 1) − 2(6 − 0.4) + 0.4(2 − 2) = 44.8
    expect(logDetFromCholesky(l)).toBeCloseTo(Math.log(44.8), 12);
  });

  it('solves A X = B', () => {
    const b = mat(3, 2, [1, 0, 2, 1, 3, -1]);
    const x = cholSolve(cholesky(a, 'a'), b);
    matMul(a, x).v.forEach((v, i) => expect(v).toBeCloseTo(b.v[i]!, 12));
  });

  it('names a matrix that is not positive definite', () => {
    expect(() => cholesky(mat(2, 2, [1, 2, 2, 1]), 'the test matrix')).toThrow(EmError);
    expect(() => cholesky(mat(2, 2, [1, 2, 2, 1]), 'the test matrix')).toThrow(/the test matrix is not positive definite/);
  });
});
