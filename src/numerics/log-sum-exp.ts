/**
 * log Σᵢ exp(xᵢ) along axes, without overflow.
 */
import * as tf from '@tensorflow/tfjs';
import { asFloat, assertTensor } from './as-float.js';
import type { CustomGradFunction } from './elementwise-op.js';

/**
 * exp(x − m) with m the maximum along `axes` (kept), where entries equal to m contribute exactly 1.
 * That rule makes ±∞ harmless: all −∞ gives weights 1 (the softmax limit, uniform), a +∞ entry gives
 * weight 1 against 0 for finite ones, and ∞ − ∞ is never formed.
 */
function shiftedExp(x: tf.Tensor, axes: number[]): tf.Tensor {
  const m = x.max(axes, true);
  // x ≥ m means x = m; greaterEqual (unlike equal) keeps the gradient pass differentiable.
  return tf.exp(tf.where(x.greaterEqual(m), tf.zerosLike(x), x.sub(m)));
}

function normalizeAxes(rank: number, axis: number | number[] | undefined): number[] {
  const given = axis === undefined ? [...Array(rank).keys()] : Array.isArray(axis) ? axis : [axis];
  const axes = given.map((a) => {
    if (!Number.isInteger(a) || a < -rank || a >= rank) {
      throw new RangeError(`logSumExp: axis ${a} is out of range for a tensor of rank ${rank}`);
    }
    return a < 0 ? a + rank : a;
  });
  return [...new Set(axes)];
}

/**
 * log Σ exp(x) over `axis` (default: all axes), computed as m + log Σ exp(x − m) with m the maximum.
 *
 * Entries of −∞ are exact zeros of the sum (all −∞ gives −∞, no NaN); any +∞ gives +∞; NaN
 * propagates. The gradient is softmax(x) along the axes: 0 for −∞ entries next to finite ones,
 * uniform when every entry is −∞, and shared equally by +∞ entries.
 *
 * @example logSumExp(tf.tensor([[0, 0], [1, -Infinity]]), 1) // [log 2, 1]
 */
export function logSumExp(x: tf.Tensor, axis?: number | number[], keepDims = false): tf.Tensor {
  assertTensor('logSumExp', 'x', x);
  const axes = normalizeAxes(x.rank, axis);
  return tf.tidy(() => {
    const xf32 = asFloat('logSumExp', 'x', x);
    const op = tf.customGrad(((xf: tf.Tensor, save: tf.GradSaveFunc) => {
      save([xf]);
      const value = tf.tidy(() => {
        const m = xf.max(axes, true);
        // A ±∞ or NaN maximum decides the result alone; otherwise m + log Σ exp(x − m).
        const lse = tf.where(tf.isFinite(m), m.add(tf.log(shiftedExp(xf, axes).sum(axes, true))), m);
        return keepDims ? lse : lse.reshape(xf.shape.filter((_, i) => !axes.includes(i)));
      });
      const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const w = shiftedExp(saved[0]!, axes);
        const softmax = w.div(w.sum(axes, true));
        const dyKept = keepDims ? dy : dy.reshape(tf.backend_util.expandShapeToKeepDim(dy.shape, axes));
        return [softmax.mul(dyKept)];
      };
      return { value, gradFunc };
    }) as CustomGradFunction);
    return op(xf32);
  });
}
