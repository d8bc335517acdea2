import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { digamma } from '../../src/numerics/index.js';
import {
  apply1, centralDifference, expectClose, expectNoLeak, float32Range, grad1, loadReference, selectWhere,
  useBackendFromEnv, type UnaryReference,
} from './helpers.js';

beforeAll(useBackendFromEnv);
const ref = loadReference<UnaryReference>('digamma');
const positive = selectWhere(ref, (i) => ref.x[i]! > 0);
const negative = selectWhere(ref, (i) => ref.x[i]! < 0);
const at = (xs: number[]) => (i: number) => `digamma(${xs[i]})`;

describe('digamma', () => {
  it('matches mpmath for x > 0 from 1e-38 to 3e36 within 2e-7 relative (incl. around its zero 1.4616…)', () => {
    expectClose(apply1(digamma, positive.x), float32Range(positive.value), { rtol: 2e-7 }, at(positive.x));
  });

  it('matches mpmath for negative non-integers within 4e-7 relative (reflection formula)', () => {
    expectClose(apply1(digamma, negative.x), negative.value, { rtol: 4e-7 }, at(negative.x));
  });

  it('keeps relative accuracy right next to its zero x₀', () => {
    const x0 = 1.4616321449683623;
    const xs = [Math.fround(x0), Math.fround(x0 + 1e-6), Math.fround(x0 - 1e-4)];
    // ψ(x) ≈ ψ′(x₀)(x − x₀) with ψ′(x₀) = 0.9676722…; the second-order term is below 1e-8 relative here.
    const want = xs.map((x) => 0.9676722454476212 * (x - x0) - 0.4427631689835921 * (x - x0) ** 2);
    expectClose(apply1(digamma, xs), want, { rtol: 1e-6 });
  });

  it('has gradient ψ′(x) (mpmath reference, 3e-7 relative), with overflow to +∞ below x ≈ 5e-20', () => {
    expectClose(grad1(digamma, ref.x), float32Range(ref.derivative), { rtol: 3e-7 }, at(ref.x));
  });

  it('agrees with float32 central differences to 1e-3 relative', () => {
    const xs = [0.3, 1, 1.46, 2.6, 7, 12, 300, -0.5, -3.7];
    expectClose(grad1(digamma, xs), centralDifference(digamma, xs, 1e-3), { rtol: 1e-3 });
  });

  it('leaks no tensors (value or gradient)', () => {
    expectNoLeak(() => {
      const x = tf.tensor1d([0.5, 2, 40]);
      const y = digamma(x);
      const g = tf.grad((v: tf.Tensor) => digamma(v))(x);
      expect(y.shape).toEqual([3]);
      tf.dispose([x, y, g]);
    });
  });
});
