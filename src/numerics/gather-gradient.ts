/**
 * A gather gradient that every backend can run.
 *
 * tfjs differentiates `gather(x, indices, axis)` with UnsortedSegmentSum, a kernel the WASM
 * backend does not have, so any gather on a differentiated path (the lower-Cholesky transform,
 * indexing a parameter table) fails there. The same gradient is a product with a one-hot matrix:
 * with x's gathered axis of size N moved to the front, ∂x = onehot(indices, N)ᵀ @ ∂y. Gathers with
 * batch dimensions keep tfjs's own gradient.
 */
import * as tf from '@tensorflow/tfjs';

const original = tf.getGradient('GatherV2');

tf.registerGradient({
  kernelName: 'GatherV2',
  inputsToSave: ['x', 'indices'],
  gradFunc: (dy, saved, attrs) => {
    const { axis, batchDims } = attrs as unknown as { axis: number; batchDims: number };
    if (batchDims !== 0 && original) return original.gradFunc(dy, saved, attrs);
    const [x, indices] = saved as [tf.Tensor, tf.Tensor];
    const at = axis < 0 ? axis + x.rank : axis;
    return {
      x: () => {
        const n = x.shape[at]!;
        const outer = x.shape.slice(0, at).reduce((a, b) => a * b, 1);
        const inner = x.shape.slice(at + 1).reduce((a, b) => a * b, 1);
        const count = indices.size;
        const g = (dy as tf.Tensor).reshape([outer, count, inner]).transpose([1, 0, 2]).reshape([count, outer * inner]);
        // An explicit transpose: WASM runs matMul's transpose flags on a slow generic loop.
        const scatter = tf.matMul(tf.oneHot(indices.reshape([-1]).toInt(), n).toFloat().transpose(), g);
        return scatter.reshape([n, outer, inner]).transpose([1, 0, 2]).reshape(x.shape);
      },
      indices: () => tf.zerosLike(indices).toFloat(),
    };
  },
});
