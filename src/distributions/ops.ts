/** Small tensor helpers shared by several families. */
import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '@tensorflow/tfjs';

/** The smallest positive normal float32: draws of positive families are clamped up to it. */
export const FLOAT32_TINY = 1.1754944e-38;
/** The largest float32 below 1: draws in (0, 1) are clamped down to it. */
export const FLOAT32_BELOW_ONE = 1 - 2 ** -24;
/** The largest finite float32. */
export const FLOAT32_MAX = 3.4028235e38;

/** Anything a parameter may be given as: a tensor, a number, or nested arrays of numbers. */
export type TensorLike = Tensor | number | number[] | number[][] | number[][][];

/** A float32 tensor from `x` (numbers and arrays are converted; other dtypes are cast). */
export function toFloat(x: TensorLike): Tensor {
  if (x instanceof tf.Tensor) return x.dtype === 'float32' ? x : tf.cast(x, 'float32');
  return tf.tensor(x as number | number[], undefined, 'float32');
}

/** A one-input op with a hand-written gradient: `f(x)` returns the value and dy ↦ dL/dx. */
export function customGrad1(
  f: (x: Tensor) => { value: Tensor; gradFunc: (dy: Tensor) => Tensor },
): (x: Tensor) => Tensor {
  const op = tf.customGrad((...inputs: (Tensor | tf.GradSaveFunc)[]) => f(inputs[0] as Tensor));
  return (x) => op(x);
}

/** The identity with a zero gradient: a sample that must not carry pathwise gradients. */
export const detach = customGrad1((x) => ({ value: tf.clone(x), gradFunc: (dy) => tf.zerosLike(dy) }));

/** x · log y with the convention 0 · log 0 = 0 (for probabilities at the edge of their support). */
export function xlogy(x: Tensor, y: Tensor): Tensor {
  return tf.tidy(() => tf.where(tf.equal(x, 0), tf.zerosLike(tf.add(x, y)), tf.mul(x, tf.log(y))));
}

/**
 * `tf.broadcastTo(x, shape)` as a broadcasting add of zeros: the same values and gradient (a sum
 * over the broadcast axes), but the WASM backend runs broadcastTo's Tile as a generic loop at
 * ≈50 ns per element and a broadcasting add at under 1 ns. Returns `x` itself when no axis grows.
 */
export function broadcastTo(x: Tensor, shape: readonly number[]): Tensor {
  if (x.rank === shape.length && x.shape.every((d, i) => d === shape[i])) return x;
  if (x.dtype !== 'float32') return tf.broadcastTo(x, [...shape]);
  return tf.add(x, tf.zeros([...shape]));
}

/** Sum over the last `n` axes (n = 0 returns `x`). */
export function sumRightmost(x: Tensor, n: number): Tensor {
  if (n === 0) return x;
  return tf.sum(x, Array.from({ length: n }, (_, i) => x.rank - 1 - i));
}
