import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { logBeta } from '../../src/numerics/index.js';
import { expectClose, expectNoLeak, loadReference, selectWhere, useBackendFromEnv } from './helpers.js';

beforeAll(useBackendFromEnv);
const ref = loadReference<{
  a: number[]; b: number[]; value: number[]; da: number[]; db: number[]; da_scale: number[]; db_scale: number[];
}>('log-beta');
const at = (i: number) => `logBeta(${ref.a[i]}, ${ref.b[i]})`;

function evaluate(a: number[], b: number[]): { value: number[]; da: number[]; db: number[] } {
  return tf.tidy(() => {
    const ta = tf.tensor1d(a);
    const tb = tf.tensor1d(b);
    const f = (x: tf.Tensor, y: tf.Tensor) => logBeta(x, y).sum();
    const [da, db] = tf.grads(f)([ta, tb]);
    return { value: Array.from(logBeta(ta, tb).dataSync()), da: Array.from(da!.dataSync()), db: Array.from(db!.dataSync()) };
  });
}

describe('logBeta', () => {
  let got: ReturnType<typeof evaluate>;
  beforeAll(() => {
    got = evaluate(ref.a, ref.b);
  });

  it('matches mpmath on a grid of a, b ∈ {1e-30 … 1e30} within 2e-7 relative + 1e-7 absolute (all three branches)', () => {
    // The absolute part covers values near the zeros of log B (e.g. B(½, 3.9) ≈ e^−0.076), where the
    // result is a small difference of O(1) terms.
    expectClose(got.value, ref.value, { rtol: 2e-7, atol: 1e-7 }, at);
  });

  it('has gradients ψ(a) − ψ(a + b), ψ(b) − ψ(a + b) within 5e-7 relative + 2e-7·(|ψ(a)| + |ψ(a + b)|)', () => {
    // Where a, b < 4 the partial is the difference of two float32 digammas, each good to about
    // 1e-7 of its own size, e.g. ∂/∂a log B(0.1, 1e-3) = ψ(0.1) − ψ(0.101) with ψ(0.1) ≈ −10.4.
    expectClose(got.da, ref.da, { rtol: 5e-7, atol: ref.da_scale.map((s) => 2e-7 * s) }, at);
    expectClose(got.db, ref.db, { rtol: 5e-7, atol: ref.db_scale.map((s) => 2e-7 * s) }, at);
  });

  it('has relatively accurate gradients (5e-7) in the argument that is ≥ 4 (Stirling form)', () => {
    const big = (u: number[]) => (i: number) => u[i]! >= 4;
    const da = selectWhere({ got: got.da, want: ref.da, a: ref.a, b: ref.b }, big(ref.a));
    const db = selectWhere({ got: got.db, want: ref.db, a: ref.a, b: ref.b }, big(ref.b));
    // 1e-44 absolute: partials such as ∂/∂a log B(1e12, 1e-30) ≈ −1e-42 are float32 subnormals.
    expectClose(da.got, da.want, { rtol: 5e-7, atol: 1e-44 }, (i) => `∂a logBeta(${da.a[i]}, ${da.b[i]})`);
    expectClose(db.got, db.want, { rtol: 5e-7, atol: 1e-44 }, (i) => `∂b logBeta(${db.a[i]}, ${db.b[i]})`);
  });

  it('agrees with float32 central differences in both arguments to 1e-3 (every branch)', () => {
    const a = [0.7, 3, 0.5, 6, 40];
    const b = [2.5, 1.2, 30, 9, 200];
    const value = (x: number[], y: number[]) => evaluate(x, y).value;
    const bump = (xs: number[], s: number) => xs.map((v) => Math.fround(v + s * 1e-3 * Math.max(v, 1)));
    // (f(v + h) − f(v − h)) / (2h), with the float32 arguments actually used.
    const difference = (up: number[], down: number[], vs: number[]) =>
      up.map((u, i) => (u - down[i]!) / (bump(vs, 1)[i]! - bump(vs, -1)[i]!));
    const fdA = difference(value(bump(a, 1), b), value(bump(a, -1), b), a);
    const fdB = difference(value(a, bump(b, 1)), value(a, bump(b, -1)), b);
    const got = evaluate(a, b);
    expectClose(got.da, fdA, { rtol: 1e-3, atol: 1e-4 });
    expectClose(got.db, fdB, { rtol: 1e-3, atol: 1e-4 });
  });

  it('keeps full accuracy where log Γ would cancel: B(1e6, ½) and B(a, b) with a = b = 1e4', () => {
    // log B(a, ½) = log Γ(½) + log Γ(a) − log Γ(a + ½) ≈ ½ log π − ½ log a − 1/(8a) for large a.
    const a = 1e6;
    const [v1] = evaluate([a], [0.5]).value;
    expect(Math.abs(v1! - (0.5 * Math.log(Math.PI) - 0.5 * Math.log(a) - 1 / (8 * a)))).toBeLessThan(2e-6);
  });

  it('is symmetric, broadcasts, and is NaN for non-positive arguments', () => {
    const v = tf.tidy(() => Array.from(logBeta(tf.tensor2d([[2], [3]]), tf.tensor1d([3, 2, -1])).dataSync()));
    const want = [1 / 12, 1 / 6, NaN, 1 / 30, 1 / 12, NaN].map(Math.log);
    expectClose(v, want, { rtol: 3e-7 });
    expect(() => logBeta(tf.zeros([2]), tf.zeros([3]))).toThrow(/logBeta: shapes \[2\] and \[3\] do not broadcast/);
  });

  it('leaks no tensors (value and gradients)', () => {
    expectNoLeak(() => {
      const a = tf.tensor1d([0.5, 20]);
      const b = tf.tensor1d([3, 1e5]);
      const grads = tf.grads((x: tf.Tensor, y: tf.Tensor) => logBeta(x, y).sum())([a, b]);
      tf.dispose([a, b, logBeta(a, b), ...grads]);
    });
  });
});
