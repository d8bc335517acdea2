/** Gradients of broadcasting operations, summed back to an input's shape. */
import * as tf from '@tensorflow/tfjs';

/** Sum `g` over the axes along which a tensor of `shape` was broadcast to g's shape (leading ones included). */
export function reduceTo(g: tf.Tensor, shape: readonly number[]): tf.Tensor {
  const extra = g.rank - shape.length;
  const axes: number[] = [];
  for (let i = 0; i < g.rank; i++) if (i < extra || shape[i - extra] !== g.shape[i]) axes.push(i);
  return axes.length === 0 ? g : tf.reshape(tf.sum(g, axes), [...shape]);
}
