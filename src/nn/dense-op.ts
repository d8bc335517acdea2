/**
 * The dense-layer operation y = act(x W + b) as one kernel with its own gradient.
 *
 *   x: [N, in]   W: [in, out]   b: [out]   y: [N, out]
 *   dz = dy · act'(z)      (from y; see activations.ts)
 *   dx = dz Wᵀ             dW = xᵀ dz             db = Σ_n dz[n, :]
 *
 * As a composite kernel (runtime/composite-kernel.ts) the gradient is asked for per input, so the first
 * layer of an encoder never computes dx (its input is data).
 *
 * On WASM every product, the bias gradient and relu's gradient run on our own kernels
 * (runtime/wasm-kernels.ts), split over the backend's threads. tfjs's own products there go through
 * XNNPACK, which repacks a right operand that is a new tensor on every call (in training, every
 * call: as long as the product itself), and run matMul's transpose flags, which the stock gradient
 * uses, on a generic path over ten times slower; ours read the operands where they lie
 * (docs/performance.md). Other backends handle the flags natively and keep tfjs's ops.
 *
 * A mostly-zero input (binarized images: 13 % of MNIST's pixels are on) takes the sparse kernels
 * for x W and xᵀ dz, which visit only the nonzero entries: about 3× and 4–5× faster than our dense
 * product on a 128 × 784 batch at 10–13 % density.
 */
import * as tf from '@tensorflow/tfjs';
import { activate, activationBackward, fusedActivation, type Activation } from './activations.js';
import { runComposite, type CompositeKernel } from '../runtime/composite-kernel.js';
import { fusedKernels, type FusedKernels } from '../runtime/wasm-kernels.js';

export const DENSE_KERNEL = 'VmodelDense';

/**
 * Inputs at most this dense take the sparse kernels: against our dense product they break even
 * near 0.35–0.4 for x W and xᵀ dz on 128–640 rows (measured; hidden relu layers run at 0.35–0.6).
 */
const SPARSE_DENSITY = 0.3;

const isSparse = (kernels: FusedKernels, x: tf.Tensor): boolean => kernels.density(x) <= SPARSE_DENSITY;

const dense: CompositeKernel = {
  name: DENSE_KERNEL,
  inputsToSave: ['x', 'w'],
  outputsToSave: [true],

  forward(inputs, attrs) {
    const { x, w, b } = inputs as { x: tf.Tensor2D; w: tf.Tensor2D; b?: tf.Tensor1D };
    const act = attrs['activation'] as Activation;
    const kernels = fusedKernels();
    if (kernels !== undefined && (act === 'relu' || act === 'identity')) {
      const relu = act === 'relu';
      return isSparse(kernels, x) ? kernels.sparseDense(x, w, b, relu) : kernels.matMul(x, w, { bias: b, relu });
    }
    if (kernels !== undefined) return activate(kernels.matMul(x, w, { bias: b }), act);
    const [n, inp] = x.shape;
    const out = w.shape[1];
    // Call the fused kernel directly: the `tf.fused.matMul` op refuses to fuse an activation while
    // a gradient is being recorded, and here we supply the gradient ourselves.
    const fused = fusedActivation(act);
    const operands: tf.NamedTensorMap = { a: tf.reshape(x, [1, n, inp]), b: tf.reshape(w, [1, inp, out]) };
    if (b !== undefined) operands['bias'] = b;
    const fusedAttrs = { transposeA: false, transposeB: false, activation: fused ?? 'linear', leakyreluAlpha: 0 };
    const y = tf.reshape(tf.engine().runKernel('_FusedMatMul', operands, fusedAttrs) as tf.Tensor, [n, out]);
    return fused === undefined ? activate(y, act) : y;
  },

  gradient(dy, saved, attrs) {
    const [x, w, y] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
    const act = attrs['activation'] as Activation;
    const kernels = fusedKernels();
    // Each thunk runs in its own engine tidy, so dz cannot be shared without keeping it alive past
    // the backward pass; recomputing it is one elementwise pass on [N, out], cheap next to the products.
    const dz = (): tf.Tensor2D =>
      (kernels !== undefined && act === 'relu' ? kernels.reluGrad(dy, y) : activationBackward(dy, y, act)) as tf.Tensor2D;
    if (kernels === undefined) {
      return {
        x: () => tf.matMul(dz(), w, false, true),
        w: () => tf.matMul(x, dz(), true, false),
        b: () => tf.sum(dz(), 0),
      };
    }
    return {
      x: () => kernels.matMul(dz(), kernels.transpose(w)),
      w: () => (isSparse(kernels, x) ? kernels.sparseWeightGrad(x, dz()) : kernels.matMul(kernels.transpose(x), dz())),
      b: () => kernels.columnSums(dz()),
    };
  },
};

/**
 * y = act(x W + b) for 2-D x, differentiable in x, W and b through the fast gradient above.
 * `b` may be null (no bias).
 */
export function denseOp(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D | null, activation: Activation): tf.Tensor2D {
  const inputs: tf.NamedTensorMap = b === null ? { x, w } : { x, w, b };
  return runComposite(dense, inputs, { activation }) as tf.Tensor2D;
}
