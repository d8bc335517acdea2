import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { log1mExp } from '../../src/numerics/index.js';
import {
  apply1, centralDifference, expectClose, expectNoLeak, grad1, loadReference, useBackendFromEnv, type UnaryReference,
} from './helpers.js';

beforeAll(useBackendFromEnv);
const ref = loadReference<UnaryReference>('log1m-exp');

describe('log1mExp', () => {
  it('matches mpmath from −1e4 to −1e-38 within 1e-7 relative, on both sides of −log 2 (1e-45 absolute for subnormals)', () => {
    expectClose(apply1(log1mExp, ref.x), ref.value, { rtol: 1e-7, atol: 1e-45 }, (i) => `log1mExp(${ref.x[i]})`);
  });

  it('has gradient −1/expm1(−x) within 1e-7 relative', () => {
    expectClose(grad1(log1mExp, ref.x), ref.derivative, { rtol: 1e-7, atol: 1e-45 }, (i) => `log1mExp′(${ref.x[i]})`);
  });

  it('agrees with float32 central differences to 1e-3', () => {
    const xs = [-5, -1, -0.6, -0.3];
    expectClose(grad1(log1mExp, xs), centralDifference(log1mExp, xs, 1e-3), { rtol: 1e-3 });
  });

  it('gives −∞ at 0 (with gradient −∞), 0 at −∞, and NaN for x > 0', () => {
    const [atZero, atMinusInf, positive] = apply1(log1mExp, [0, -Infinity, 0.5]);
    expect(atZero).toBe(-Infinity);
    expect(Math.abs(atMinusInf!)).toBe(0);
    expect(Number.isNaN(positive)).toBe(true);
    expect(grad1(log1mExp, [0])[0]).toBe(-Infinity);
  });

  it('leaks no tensors', () => {
    expectNoLeak(() => {
      const x = tf.tensor1d([-3, -0.1]);
      tf.dispose([x, log1mExp(x), tf.grad((v: tf.Tensor) => log1mExp(v))(x)]);
    });
  });
});
