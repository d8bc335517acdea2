import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { lgamma } from '../../src/numerics/index.js';
import {
  apply1, centralDifference, expectClose, expectNoLeak, float32Range, grad1, loadReference, selectWhere,
  useBackendFromEnv, type UnaryReference,
} from './helpers.js';

beforeAll(useBackendFromEnv);
const ref = loadReference<UnaryReference>('lgamma');
const positive = selectWhere(ref, (i) => ref.x[i]! > 0);
const negative = selectWhere(ref, (i) => ref.x[i]! < 0);
const at = (xs: number[]) => (i: number) => `lgamma(${xs[i]})`;

describe('lgamma', () => {
  it('matches mpmath for x > 0 from 1e-38 to 3e36 within 3e-7 relative (incl. next to the zeros at 1 and 2)', () => {
    expectClose(apply1(lgamma, positive.x), float32Range(positive.value), { rtol: 3e-7 }, at(positive.x));
  });

  it('matches mpmath for negative non-integers within 4e-7 relative + 1e-7 absolute (reflection formula)', () => {
    expectClose(apply1(lgamma, negative.x), negative.value, { rtol: 4e-7, atol: 1e-7 }, at(negative.x));
  });

  it('gives +∞ at the poles and at +∞', () => {
    expect(apply1(lgamma, [0, -1, -2, -1e30, Infinity])).toEqual([Infinity, Infinity, Infinity, Infinity, Infinity]);
  });

  it('has gradient ψ(x) (mpmath reference, 3e-7 relative + 1e-7 absolute)', () => {
    expectClose(grad1(lgamma, ref.x), float32Range(ref.derivative), { rtol: 3e-7, atol: 1e-7 }, at(ref.x));
  });

  it('agrees with float32 central differences to 1e-3 relative', () => {
    const xs = [0.05, 0.7, 1.3, 2.2, 4.5, 9, 50, -0.5, -2.5];
    expectClose(grad1(lgamma, xs), centralDifference(lgamma, xs, 1e-3), { rtol: 1e-3, atol: 1e-4 });
  });

  it('has second derivative ψ′(x) through nested tf.grad', () => {
    const xs = [0.5, 1, 3];
    const second = tf.tidy(() => Array.from(tf.grad(tf.grad((x: tf.Tensor) => lgamma(x)))(tf.tensor1d(xs)).dataSync()));
    expectClose(second, [Math.PI ** 2 / 2, Math.PI ** 2 / 6, Math.PI ** 2 / 6 - 1 - 1 / 4], { rtol: 3e-7 });
  });

  it('casts integer tensors, keeps shapes, and leaks no tensors (value or gradient)', () => {
    expectNoLeak(() => {
      const x = tf.tensor2d([[1, 2], [3, 4]], [2, 2], 'int32');
      const y = lgamma(x);
      expect(y.shape).toEqual([2, 2]);
      expect(y.dtype).toBe('float32');
      expectClose(Array.from(y.dataSync()), [0, 0, Math.log(2), Math.log(6)], { rtol: 3e-7 });
      const at = tf.scalar(3.5);
      const g = tf.grad((v: tf.Tensor) => lgamma(v))(at);
      tf.dispose([x, y, at, g]);
    });
  });
});
