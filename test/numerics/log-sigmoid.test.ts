import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { logSigmoid } from '../../src/numerics/index.js';
import { apply1, expectClose, expectNoLeak, grad1, loadReference, useBackendFromEnv, type UnaryReference } from './helpers.js';

beforeAll(useBackendFromEnv);
// log σ(x) = −softplus(−x) and d/dx log σ(x) = σ(−x), so the softplus reference serves at −x.
const ref = loadReference<UnaryReference>('softplus');
const xs = ref.x.map((x) => -x);

describe('logSigmoid', () => {
  it('equals −softplus(−x) from mpmath within 1e-7 relative (1e-45 absolute), e.g. log σ(−1e4) = −1e4', () => {
    expectClose(apply1(logSigmoid, xs), ref.value.map((v) => -v), { rtol: 1e-7, atol: 1e-45 }, (i) => `logσ(${xs[i]})`);
  });

  it('has gradient σ(−x) within 1e-7 relative', () => {
    expectClose(grad1(logSigmoid, xs), ref.derivative, { rtol: 1e-7, atol: 1e-45 }, (i) => `logσ′(${xs[i]})`);
  });

  it('leaks no tensors', () => {
    expectNoLeak(() => {
      const x = tf.tensor1d([-3, 3]);
      const y = logSigmoid(x);
      expect(y.shape).toEqual([2]);
      tf.dispose([x, y, tf.grad((v: tf.Tensor) => logSigmoid(v))(x)]);
    });
  });
});
