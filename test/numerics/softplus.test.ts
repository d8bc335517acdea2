import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { softplus } from '../../src/numerics/index.js';
import {
  apply1, centralDifference, expectClose, expectNoLeak, grad1, loadReference, useBackendFromEnv, type UnaryReference,
} from './helpers.js';

beforeAll(useBackendFromEnv);
const ref = loadReference<UnaryReference>('softplus');

describe('softplus', () => {
  it('matches mpmath for x from −1e4 to 1e4 within 1e-7 relative (1e-45 absolute below the float32 range)', () => {
    // softplus(−100) = 3.7e-44 is a float32 subnormal and softplus(−200) underflows to 0.
    expectClose(apply1(softplus, ref.x), ref.value, { rtol: 1e-7, atol: 1e-45 }, (i) => `softplus(${ref.x[i]})`);
  });

  it('has gradient σ(x) within 1e-7 relative (1e-45 absolute)', () => {
    expectClose(grad1(softplus, ref.x), ref.derivative, { rtol: 1e-7, atol: 1e-45 }, (i) => `σ(${ref.x[i]})`);
  });

  it('agrees with float32 central differences to 1e-3', () => {
    const xs = [-5, -0.5, 0, 0.5, 5];
    expectClose(grad1(softplus, xs), centralDifference(softplus, xs), { rtol: 1e-3, atol: 1e-6 });
  });

  it('is exact at the extremes: softplus(±∞) and no overflow at 1e4', () => {
    expect(apply1(softplus, [Infinity, -Infinity, 1e4])).toEqual([Infinity, 0, 1e4]);
  });

  it('leaks no tensors', () => {
    expectNoLeak(() => {
      const x = tf.tensor1d([-3, 3]);
      tf.dispose([x, softplus(x), tf.grad((v: tf.Tensor) => softplus(v))(x)]);
    });
  });
});
