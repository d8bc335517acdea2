import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { log1p } from '../../src/numerics/index.js';
import { apply1, expectClose, expectNoLeak, grad1, loadReference, useBackendFromEnv, type UnaryReference } from './helpers.js';

beforeAll(useBackendFromEnv);
const ref = loadReference<UnaryReference>('log1p');

describe('log1p', () => {
  it('matches mpmath from −0.999999 to 3e38 within 1.5e-7 relative (tiny |x| included, on every backend)', () => {
    expectClose(apply1(log1p, ref.x), ref.value, { rtol: 1.5e-7 }, (i) => `log1p(${ref.x[i]})`);
  });

  it('has gradient 1/(1 + x) within 1e-7 relative', () => {
    expectClose(grad1(log1p, ref.x), ref.derivative, { rtol: 1e-7 }, (i) => `log1p′(${ref.x[i]})`);
  });

  it('handles the ends of its domain: −1 → −∞, +∞ → +∞, below −1 → NaN', () => {
    const [a, b, c] = apply1(log1p, [-1, Infinity, -2]);
    expect([a, b]).toEqual([-Infinity, Infinity]);
    expect(Number.isNaN(c)).toBe(true);
  });

  it('leaks no tensors', () => {
    expectNoLeak(() => {
      const x = tf.tensor1d([1e-9, 3]);
      tf.dispose([x, log1p(x), tf.grad((v: tf.Tensor) => log1p(v))(x)]);
    });
  });
});
