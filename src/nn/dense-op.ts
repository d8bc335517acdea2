/**
 * The dense-layer operation y = act(x W + b) as one tfjs kernel with its own gradient.
 *
 *   x: [N, in]   W: [in, out]   b: [out]   y: [N, out]
 *   dz = dy · act'(z)      (from y; see activations.ts)
 *   dx = dz Wᵀ             dW = xᵀ dz             db = Σ_n dz[n, :]
 *
 * Why a kernel and not `tf.customGrad`: the engine asks a registered gradient for each input
 * lazily, only when that input leads to a variable being differentiated, so the first layer of an
 * encoder never pays for dx (its input is data). `customGrad` computes every input's gradient.
 *
 * Why not the stock matMul gradient: it uses matMul's transpose flags, which the WASM backend runs
 * on a slow generic path (>10× slower than XNNPACK on an explicitly transposed copy; measured in
 * docs/performance.md). On WASM we transpose explicitly and pick the cheaper of two equivalent forms
 * of dx; other backends handle the flags natively and keep them.
 */
import * as tf from '@tensorflow/tfjs';
import { activate, activationBackward, fusedActivation, type Activation } from './activations.js';

export const DENSE_KERNEL = 'VmodelDense';

interface DenseAttrs {
  activation: Activation;
  [key: string]: tf.NamedAttrMap[string];
}

const registeredFor = new Set<string>();

/** Register the kernel for the active backend (once); the gradient is backend-independent. */
function ensureRegistered(): void {
  const backendName = tf.getBackend();
  if (registeredFor.has(backendName)) return;
  if (registeredFor.size === 0) tf.registerGradient({ kernelName: DENSE_KERNEL, inputsToSave: ['x', 'w'], outputsToSave: [true], gradFunc });
  tf.registerKernel({ kernelName: DENSE_KERNEL, backendName, kernelFunc: forward as unknown as tf.KernelFunc });
  registeredFor.add(backendName);
}

function forward({ inputs, attrs }: { inputs: tf.NamedTensorMap; attrs: DenseAttrs }): tf.Tensor {
  const { x, w, b } = inputs as { x: tf.Tensor2D; w: tf.Tensor2D; b?: tf.Tensor1D };
  const act = attrs.activation;
  const fused = fusedActivation(act) ?? 'linear';
  // Call the fused kernel directly: the `tf.fused.matMul` op refuses to fuse an activation while a
  // gradient is being recorded, and we supply the gradient ourselves. We run below the tape (inside
  // a kernel), so nothing here is recorded.
  return tf.tidy(() => {
    const [n, inp] = x.shape;
    const out = w.shape[1];
    const inputs3: tf.NamedTensorMap = { a: tf.reshape(x, [1, n, inp]), b: tf.reshape(w, [1, inp, out]) };
    if (b !== undefined) inputs3['bias'] = b;
    const z = tf.engine().runKernel('_FusedMatMul', inputs3, { transposeA: false, transposeB: false, activation: fused, leakyreluAlpha: 0 }) as tf.Tensor;
    const y = tf.reshape(z, [n, out]);
    return fusedActivation(act) === undefined ? activate(y, act) : y;
  });
}

function gradFunc(dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[], attrs: tf.NamedAttrMap): Record<string, () => tf.Tensor> {
  const [x, w, y] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
  const act = (attrs as DenseAttrs).activation;
  // Each thunk runs in its own engine tidy, so dz cannot be shared without keeping it alive past
  // the backward pass; recomputing it is one elementwise op on [N, out], cheap next to the products.
  const dz = (): tf.Tensor2D => activationBackward(dy as tf.Tensor, y, act) as tf.Tensor2D;
  const wasm = tf.getBackend() === 'wasm';
  return {
    x: () => (wasm ? inputGradExplicit(dz(), w) : tf.matMul(dz(), w, false, true)),
    w: () => (wasm ? tf.matMul(tf.transpose(x), dz()) : tf.matMul(x, dz(), true, false)),
    b: () => tf.sum(dz(), 0),
  };
}

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
  ensureRegistered();
  const inputs: tf.NamedTensorMap = b === null ? { x, w } : { x, w, b };
  return tf.engine().runKernel(DENSE_KERNEL, inputs, { activation }) as tf.Tensor2D;
}
