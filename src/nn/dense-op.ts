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
 * Why not the stock matMul gradient: it uses matMul's transpose flags, which the WASM backend runs
 * on a slow generic path (>10× slower than XNNPACK on an explicitly transposed copy; measured in
 * docs/performance.md). On WASM we transpose explicitly and pick the cheaper of two equivalent forms
 * of dx; other backends handle the flags natively and keep them.
 *
 * A mostly-zero input (binarized images: 13 % of MNIST's pixels are on) takes our sparse kernels
 * on WASM (runtime/wasm-kernels.ts) for x W and xᵀ dz, which visit only the nonzero entries:
 * 2.2× and 1.6× faster than XNNPACK on a 128 × 784 batch.
 */
import * as tf from '@tensorflow/tfjs';
import { activate, activationBackward, fusedActivation, type Activation } from './activations.js';
import { runComposite, type CompositeKernel } from '../runtime/composite-kernel.js';
import { fusedKernels, type FusedKernels } from '../runtime/wasm-kernels.js';

export const DENSE_KERNEL = 'VmodelDense';

/** Inputs at most this dense take the sparse kernels (break-even measured near 0.25 for x W, 0.2 for xᵀ dz). */
const SPARSE_DENSITY = 0.2;

/** The fused kernels, when x is sparse enough for them. */
function sparseKernels(x: tf.Tensor): FusedKernels | undefined {
  const kernels = fusedKernels();
  return kernels !== undefined && kernels.density(x) <= SPARSE_DENSITY ? kernels : undefined;
}

const dense: CompositeKernel = {
  name: DENSE_KERNEL,
  inputsToSave: ['x', 'w'],
  outputsToSave: [true],

  forward(inputs, attrs) {
    const { x, w, b } = inputs as { x: tf.Tensor2D; w: tf.Tensor2D; b?: tf.Tensor1D };
    const act = attrs['activation'] as Activation;
    const fused = fusedActivation(act);
    // Call the fused kernel directly: the `tf.fused.matMul` op refuses to fuse an activation while
    // a gradient is being recorded, and here we supply the gradient ourselves.
    if (act === 'relu' || act === 'identity') {
      const sparse = sparseKernels(x)?.sparseDense(x, w, b, act === 'relu');
      if (sparse !== undefined) return sparse;
    }
    const [n, inp] = x.shape;
    const out = w.shape[1];
    const operands: tf.NamedTensorMap = { a: tf.reshape(x, [1, n, inp]), b: tf.reshape(w, [1, inp, out]) };
    if (b !== undefined) operands['bias'] = b;
    const fusedAttrs = { transposeA: false, transposeB: false, activation: fused ?? 'linear', leakyreluAlpha: 0 };
    const y = tf.reshape(tf.engine().runKernel('_FusedMatMul', operands, fusedAttrs) as tf.Tensor, [n, out]);
    return fused === undefined ? activate(y, act) : y;
  },

  gradient(dy, saved, attrs) {
    const [x, w, y] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
    const act = attrs['activation'] as Activation;
    // Each thunk runs in its own engine tidy, so dz cannot be shared without keeping it alive past
    // the backward pass; recomputing it is one elementwise op on [N, out], cheap next to the products.
    const dz = (): tf.Tensor2D => activationBackward(dy, y, act) as tf.Tensor2D;
    const wasm = tf.getBackend() === 'wasm';
    return {
      x: () => (wasm ? inputGradExplicit(dz(), w) : tf.matMul(dz(), w, false, true)),
      w: () => (wasm ? (sparseKernels(x)?.sparseWeightGrad(x, dz()) ?? tf.matMul(tf.transpose(x), dz())) : tf.matMul(x, dz(), true, false)),
      b: () => tf.sum(dz(), 0),
    };
  },
};

/**
 * dz Wᵀ without transpose flags. Two equal forms: dz · transpose(W) transposes in·out numbers;
 * transpose(W · transpose(dz)) transposes N·(in + out). Take the smaller.
 */
function inputGradExplicit(dz: tf.Tensor2D, w: tf.Tensor2D): tf.Tensor2D {
  const [n, out] = dz.shape;
  const inp = w.shape[0];
  if (n * (inp + out) < inp * out) return tf.transpose(tf.matMul(w, tf.transpose(dz)));
  return tf.matMul(dz, tf.transpose(w));
}

/**
 * y = act(x W + b) for 2-D x, differentiable in x, W and b through the fast gradient above.
 * `b` may be null (no bias).
 */
export function denseOp(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D | null, activation: Activation): tf.Tensor2D {
  const inputs: tf.NamedTensorMap = b === null ? { x, w } : { x, w, b };
  return runComposite(dense, inputs, { activation }) as tf.Tensor2D;
}
