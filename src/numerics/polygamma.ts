/**
 * ψ⁽ⁿ⁾(x) = dⁿ⁺¹/dxⁿ⁺¹ log Γ(x) for integer n ≥ 1 and x > 0.
 */
import * as tf from '@tensorflow/tfjs';
import { asFloat } from './as-float.js';
import { elementwiseOp } from './elementwise-op.js';
import { BERNOULLI_EVEN } from './constants.js';
import { horner } from './horner.js';
import { shiftUp } from './shift-up.js';

function factorial(n: number): number {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  return f;
}

/** ψ⁽ⁿ⁾(x) for x > 0 as ordinary ops. */
function polygammaPositive(n: number, x: tf.Tensor): tf.Tensor {
  const sign = n % 2 === 1 ? 1 : -1;
  // (−1)ⁿ⁺¹ψ⁽ⁿ⁾(z) ~ wⁿ[(n−1)! + n! w/2 + Σⱼ B₂ⱼ (2j+n−1)!/(2j)! w²ʲ], w = 1/z; after six Bernoulli
  // terms the first omitted one is < 1e-11 of the leading term for z ≥ 10 and n ≤ 4, < 2e-9 for n ≤ 8.
  const series = [
    factorial(n - 1),
    factorial(n) / 2,
    ...BERNOULLI_EVEN.slice(0, 6).flatMap((b, j) => [(b * factorial(2 * j + 2 + n - 1)) / factorial(2 * j + 2), 0]),
  ];
  return tf.tidy(() => {
    // ψ⁽ⁿ⁾(x) = ψ⁽ⁿ⁾(x + m) + (−1)ⁿ⁺¹ n! Σₖ (x + k)⁻⁽ⁿ⁺¹⁾.
    const { z, sum } = shiftUp(x, (xk) => tf.pow(tf.reciprocal(xk), n + 1));
    const w = tf.reciprocal(z);
    const tail = tf.pow(w, n).mul(horner(series, w));
    return tail.add(sum.mul(factorial(n))).mul(sign);
  });
}

const ops = new Map<number, (x: tf.Tensor) => tf.Tensor>();

/** The differentiable op for order n, created once: its gradient is the op for order n + 1. */
function polygammaOp(n: number): (x: tf.Tensor) => tf.Tensor {
  let op = ops.get(n);
  if (op === undefined) {
    op = elementwiseOp(
      `polygamma(${n}, ·)`,
      (x) => polygammaPositive(n, x),
      (x) => polygammaOp(n + 1)(x),
    );
    ops.set(n, op);
  }
  return op;
}

/**
 * ψ⁽ⁿ⁾(x) elementwise for x > 0 (NaN for x ≤ 0); d/dx ψ⁽ⁿ⁾ = ψ⁽ⁿ⁺¹⁾.
 *
 * Method: upward recurrence to x + m ≥ 10, then the asymptotic (Bernoulli) series. Tested for n ≤ 4;
 * orders above 8 lose accuracy because the series then needs a larger shift.
 *
 * @example polygamma(2, tf.scalar(1)) // −2ζ(3) ≈ −2.4041
 */
export function polygamma(n: number, x: tf.Tensor): tf.Tensor {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`polygamma: order n must be an integer ≥ 1, got ${n}`);
  return tf.tidy(() => {
    const xf = asFloat('polygamma', 'x', x);
    const y = polygammaOp(n)(xf);
    // greaterEqual, not greater: tfjs can differentiate through no other comparison.
    return tf.where(tf.scalar(0).greaterEqual(xf), tf.fill(xf.shape, NaN), y);
  });
}
