import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { trigamma } from '../../src/numerics/index.js';
import {
  apply1, centralDifference, expectClose, expectNoLeak, float32Range, grad1, loadReference, selectWhere,
  useBackendFromEnv, type UnaryReference,
} from './helpers.js';

beforeAll(useBackendFromEnv);
const ref = loadReference<UnaryReference>('trigamma');
const positive = selectWhere(ref, (i) => ref.x[i]! > 0);
const at = (xs: number[]) => (i: number) => `trigamma(${xs[i]})`;

describe('trigamma', () => {
  it('matches mpmath for all reference x (1e-38 … 3e36 and negative non-integers) within 3e-7 relative', () => {
    // Below x ≈ 5e-20, ψ′(x) ≈ 1/x² exceeds the float32 range and must be +∞.
    expectClose(apply1(trigamma, ref.x), float32Range(ref.value), { rtol: 3e-7 }, at(ref.x));
  });

  it('has gradient ψ″(x) for x > 0 (mpmath reference, 3e-7 relative; 1e-44 absolute for float32 subnormals)', () => {
    expectClose(grad1(trigamma, positive.x), float32Range(positive.derivative), { rtol: 3e-7, atol: 1e-44 }, at(positive.x));
  });

  it('agrees with float32 central differences to 1e-3 relative', () => {
    const xs = [0.3, 1, 2.6, 7, 12, 300];
    expectClose(grad1(trigamma, xs), centralDifference(trigamma, xs, 1e-3), { rtol: 1e-3 });
  });

  it('leaks no tensors (value or gradient)', () => {
    expectNoLeak(() => {
      const x = tf.tensor1d([0.5, 2, -0.5]);
      const y = trigamma(x);
      const g = tf.grad((v: tf.Tensor) => trigamma(v))(x);
      expect(y.shape).toEqual([3]);
      tf.dispose([x, y, g]);
    });
  });
});
