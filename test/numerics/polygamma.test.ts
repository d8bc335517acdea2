import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { polygamma } from '../../src/numerics/index.js';
import { apply1, expectClose, expectNoLeak, float32Range, grad1, loadReference, useBackendFromEnv } from './helpers.js';

beforeAll(useBackendFromEnv);
const ref = loadReference<{ x: number[]; orders: Record<string, number[]> }>('polygamma');

describe('polygamma', () => {
  for (const n of [2, 3, 4]) {
    it(`ψ^(${n}) matches mpmath on [1e-6, 1e12] within 5e-7 relative (1e-44 absolute for float32 subnormals)`, () => {
      const got = apply1((x) => polygamma(n, x), ref.x);
      expectClose(got, float32Range(ref.orders[String(n)]!), { rtol: 5e-7, atol: 1e-44 }, (i) => `ψ^(${n})(${ref.x[i]})`);
    });
  }

  it('has gradient ψ^(n+1) (checked for n = 2 against the n = 3 reference)', () => {
    const xs = ref.x.filter((x) => x >= 1e-3 && x <= 1e6);
    const want = ref.orders['3']!.filter((_, i) => ref.x[i]! >= 1e-3 && ref.x[i]! <= 1e6);
    expectClose(grad1((x) => polygamma(2, x), xs), want, { rtol: 5e-7 });
  });

  it('is NaN for x ≤ 0 and rejects a non-integer or zero order', () => {
    expect(apply1((x) => polygamma(2, x), [0, -1.5]).every(Number.isNaN)).toBe(true);
    expect(() => polygamma(0, tf.scalar(1))).toThrow(/order n must be an integer ≥ 1, got 0/);
    expect(() => polygamma(1.5, tf.scalar(1))).toThrow(/got 1.5/);
  });

  it('leaks no tensors', () => {
    expectNoLeak(() => {
      const x = tf.tensor1d([0.5, 2]);
      tf.dispose([x, polygamma(3, x), tf.grad((v: tf.Tensor) => polygamma(3, v))(x)]);
    });
  });
});
