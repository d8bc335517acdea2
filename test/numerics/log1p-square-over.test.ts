import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { log1pSquareOver } from '../../src/numerics/index.js';
import { expectClose, expectNoLeak, FLOAT32_MIN_NORMAL, loadReference, useBackendFromEnv } from './helpers.js';

beforeAll(useBackendFromEnv);
const ref = loadReference<{ x: number[]; nu: number[]; value: number[]; dx: number[]; dnu: number[] }>('log1p-square-over');
const at = (i: number) => `log1p(x²/ν) at x = ${ref.x[i]}, ν = ${ref.nu[i]}`;

function evaluate(): { value: number[]; dx: number[]; dnu: number[] } {
  return tf.tidy(() => {
    const x = tf.tensor1d(ref.x);
    const nu = tf.tensor1d(ref.nu);
    const [dx, dnu] = tf.grads((a: tf.Tensor, b: tf.Tensor) => log1pSquareOver(a, b).sum())([x, nu]);
    return { value: Array.from(log1pSquareOver(x, nu).dataSync()), dx: Array.from(dx!.dataSync()), dnu: Array.from(dnu!.dataSync()) };
  });
}
let got: ReturnType<typeof evaluate>;
beforeAll(() => {
  got = evaluate();
});

describe('log1pSquareOver', () => {
  it('matches mpmath for |x| from 0 to 1e30 and ν from 1e-3 to 1e6 within 2e-7 relative (finite where x² overflows)', () => {
    expectClose(got.value, ref.value, { rtol: 2e-7 }, at);
    expect(got.value.every(Number.isFinite)).toBe(true);
  });

  it('has gradients 2x/(ν + x²) and −x²/(ν(ν + x²)) within 2e-7 relative (below 1.2e-38 absolute)', () => {
    expectClose(got.dx, ref.dx, { rtol: 2e-7, atol: FLOAT32_MIN_NORMAL }, at);
    expectClose(got.dnu, ref.dnu, { rtol: 2e-7, atol: FLOAT32_MIN_NORMAL }, at);
  });

  it('agrees with float32 central differences in x and ν to 1e-3', () => {
    const xs = [0.3, -2, 5, 40];
    const nus = [1, 3, 0.5, 30];
    const f = (x: number[], nu: number[]) =>
      tf.tidy(() => Array.from(log1pSquareOver(tf.tensor1d(x), tf.tensor1d(nu)).dataSync()));
    const h = (v: number) => 1e-3 * Math.max(Math.abs(v), 1);
    const fd = (up: number[], down: number[], vs: number[]) =>
      up.map((u, i) => (u - down[i]!) / (Math.fround(vs[i]! + h(vs[i]!)) - Math.fround(vs[i]! - h(vs[i]!))));
    const fdX = fd(f(xs.map((v) => v + h(v)), nus), f(xs.map((v) => v - h(v)), nus), xs);
    const fdNu = fd(f(xs, nus.map((v) => v + h(v))), f(xs, nus.map((v) => v - h(v))), nus);
    const [gx, gnu] = tf.tidy(() =>
      tf.grads((a: tf.Tensor, b: tf.Tensor) => log1pSquareOver(a, b).sum())([tf.tensor1d(xs), tf.tensor1d(nus)]).map((t) => Array.from(t.dataSync())),
    );
    expectClose(gx!, fdX, { rtol: 1e-3, atol: 1e-5 });
    expectClose(gnu!, fdNu, { rtol: 1e-3, atol: 1e-5 });
  });

  it('broadcasts x against ν and names incompatible shapes', () => {
    const v = tf.tidy(() => Array.from(log1pSquareOver(tf.tensor2d([[1], [2]]), tf.tensor1d([1, 4])).dataSync()));
    expectClose(v, [Math.log(2), Math.log(1.25), Math.log(5), Math.log(2)], { rtol: 2e-7 });
    expect(() => log1pSquareOver(tf.zeros([3]), tf.ones([2]))).toThrow(/log1pSquareOver: shapes \[3\] and \[2\] do not broadcast/);
  });

  it('leaks no tensors', () => {
    expectNoLeak(() => {
      const x = tf.tensor1d([0.5, 1e25]);
      const nu = tf.scalar(3);
      const grads = tf.grads((a: tf.Tensor, b: tf.Tensor) => log1pSquareOver(a, b).sum())([x, nu]);
      tf.dispose([x, nu, log1pSquareOver(x, nu), ...grads]);
    });
  });
});
