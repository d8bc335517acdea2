/**
 * A composite operation packaged as a tfjs kernel with a hand-written gradient.
 *
 * The forward runs ordinary tfjs ops below the tape (the engine does not record inside a kernel),
 * and the engine asks the gradient for each input lazily — only for inputs on a path to what is
 * being differentiated. Unlike `tf.customGrad` this (a) skips gradients nobody needs and (b) saves
 * tensors for the backward pass after the engine's leak check, so it runs cleanly with the
 * `IS_TEST` leak detector on the WASM backend (where saving clones the data).
 */
import * as tf from '@tensorflow/tfjs';

export interface CompositeKernel {
  readonly name: string;
  /** Inputs and outputs to keep for the gradient, as in `tf.registerGradient`. */
  readonly inputsToSave: readonly string[];
  readonly outputsToSave: readonly boolean[];
  forward(inputs: tf.NamedTensorMap, attrs: tf.NamedAttrMap): tf.Tensor;
  gradient(dy: tf.Tensor, saved: tf.Tensor[], attrs: tf.NamedAttrMap): Record<string, () => tf.Tensor>;
}

const registered = new Map<string, Set<string>>();

/** Run `kernel` on the active backend, registering it there on first use. */
export function runComposite(kernel: CompositeKernel, inputs: tf.NamedTensorMap, attrs: tf.NamedAttrMap): tf.Tensor {
  const backendName = tf.getBackend();
  let backends = registered.get(kernel.name);
  if (backends === undefined) {
    backends = new Set();
    registered.set(kernel.name, backends);
    tf.registerGradient({
      kernelName: kernel.name,
      inputsToSave: [...kernel.inputsToSave],
      outputsToSave: [...kernel.outputsToSave],
      gradFunc: (dy, saved, a) => kernel.gradient(dy as tf.Tensor, saved, a),
    });
  }
  if (!backends.has(backendName)) {
    const kernelFunc = ({ inputs: ins, attrs: at }: { inputs: tf.NamedTensorMap; attrs: tf.NamedAttrMap }) =>
      tf.tidy(() => kernel.forward(ins, at));
    tf.registerKernel({ kernelName: kernel.name, backendName, kernelFunc: kernelFunc as unknown as tf.KernelFunc });
    backends.add(backendName);
  }
  return tf.engine().runKernel(kernel.name, inputs, attrs) as tf.Tensor;
}
