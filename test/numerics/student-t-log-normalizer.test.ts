import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { studentTLogNormalizer } from '../../src/numerics/index.js';
import {
  apply1, centralDifference, expectClose, expectNoLeak, FLOAT32_MIN_NORMAL, grad1, loadReference, useBackendFromEnv,
} from './helpers.js';

beforeAll(useBackendFromEnv);
const ref = loadReference<{ nu: number[]; value: number[]; derivative: number[] }>('student-t-log-normalizer');
const at = (i: number) => `ν = ${ref.nu[i]}`;

describe('studentTLogNormalizer', () => {
  it('matches mpmath for ν from 1e-3 to 1e30 within 3e-7 relative', () => {
    expectClose(apply1(studentTLogNormalizer, ref.nu), ref.value, { rtol: 3e-7 }, at);
  });

  it('tends to the Normal constant −½ log 2π, exactly at ν = ∞, and equals −log π at ν = 1 (Cauchy)', () => {
    const [cauchy, huge, inf] = apply1(studentTLogNormalizer, [1, 1e30, Infinity]);
    expectClose([cauchy!, huge!, inf!], [-Math.log(Math.PI), -0.5 * Math.log(2 * Math.PI), -0.5 * Math.log(2 * Math.PI)], {
      rtol: 3e-7,
    });
  });

  it('has the derivative ½[ψ((ν+1)/2) − ψ(ν/2)] − 1/(2ν) within 5e-6 relative (below 1.2e-38 absolute)', () => {
    // The derivative ≈ 1/(4ν²) is a small difference; the recurrence below ν = 20 leaves a few ulps
    // of cancellation, measured at most 3.3e-6 relative (ν = 15.9).
    expectClose(grad1(studentTLogNormalizer, ref.nu), ref.derivative, { rtol: 5e-6, atol: FLOAT32_MIN_NORMAL }, at);
  });

  it('agrees with float32 central differences to 2e-3', () => {
    const nus = [0.5, 2, 7, 30];
    expectClose(grad1(studentTLogNormalizer, nus), centralDifference(studentTLogNormalizer, nus, 1e-2), { rtol: 2e-3 });
  });

  it('is NaN for ν ≤ 0', () => {
    expect(apply1(studentTLogNormalizer, [0, -3]).every(Number.isNaN)).toBe(true);
  });

  it('leaks no tensors', () => {
    expectNoLeak(() => {
      const nu = tf.tensor1d([3, 300]);
      tf.dispose([nu, studentTLogNormalizer(nu), tf.grad((v: tf.Tensor) => studentTLogNormalizer(v))(nu)]);
    });
  });
});
