/**
 * A dense (fully connected) layer as a plain parameter set: y = act(x W + b).
 *
 * Parameters are `tf.Variable`s the optimizer updates in place; `applyDense` is a pure function of
 * the parameters and the input. Inputs may carry any leading axes, `[..., in] → [..., out]`; they
 * are flattened to one matrix product (one kernel, not one per leading index).
 *
 *   const layer = createDense(784, 400, { rng: new Rng(0), name: 'enc/0' });
 *   const h = applyDense(layer, x, 'relu');          // x: [128, 784] → h: [128, 400]
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../runtime/rng.js';
import type { Activation } from './activations.js';
import { denseOp } from './dense-op.js';
import { initialDense, type Initializer } from './initializers.js';

export interface DenseParams {
  /** Weight, shape [in, out]. */
  readonly w: tf.Variable<tf.Rank.R2>;
  /** Bias, shape [out], or null for a layer without bias. */
  readonly b: tf.Variable<tf.Rank.R1> | null;
}

export interface DenseOptions {
  /** The generator that draws the initial values. */
  readonly rng: Rng;
  readonly init?: Initializer;
  /** Default true. */
  readonly bias?: boolean;
  /** Variable names become `${name}/w` and `${name}/b` (must be unique among live variables). */
  readonly name?: string;
  /** Default true; false freezes the layer (no gradients, ignored by optimizers). */
  readonly trainable?: boolean;
}

/** A new layer mapping `inFeatures` to `outFeatures`. */
export function createDense(inFeatures: number, outFeatures: number, options: DenseOptions): DenseParams {
  for (const [what, v] of [['inFeatures', inFeatures], ['outFeatures', outFeatures]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`createDense${options.name ? ` '${options.name}'` : ''}: ${what} must be a positive integer, got ${v}`);
  }
  const name = options.name;
  const taken = name === undefined ? undefined : [`${name}/w`, `${name}/b`].find((n) => n in tf.engine().registeredVariables);
  if (taken !== undefined) {
    throw new RangeError(`createDense '${name}': a variable named '${taken}' already exists; dispose that layer first or choose another name`);
  }
  const { w, b } = initialDense(options.init ?? 'torch', inFeatures, outFeatures, options.rng);
  const trainable = options.trainable ?? true;
  const wv = tf.variable(w, trainable, name === undefined ? undefined : `${name}/w`);
  const bv = (options.bias ?? true) ? tf.variable(b, trainable, name === undefined ? undefined : `${name}/b`) : null;
  // tf.variable shares the initial tensor's data without taking ownership of the tensor itself.
  tf.dispose([w, b]);
  return { w: wv, b: bv };
}

/** y = act(x W + b) for x of shape [..., in]; returns [..., out]. */
export function applyDense(layer: DenseParams, x: tf.Tensor, activation: Activation = 'identity'): tf.Tensor {
  const [inFeatures, outFeatures] = layer.w.shape;
  if (x.rank < 1 || x.shape[x.rank - 1] !== inFeatures) {
    throw new RangeError(
      `dense layer '${layer.w.name}': expected input [..., ${inFeatures}], got shape [${x.shape.join(', ')}]`,
    );
  }
  if (x.dtype !== 'float32') throw new TypeError(`dense layer '${layer.w.name}': expected float32 input, got ${x.dtype}`);
  return tf.tidy(() => {
    const lead = x.shape.slice(0, -1);
    const x2 = x.rank === 2 ? (x as tf.Tensor2D) : tf.reshape(x, [-1, inFeatures]) as tf.Tensor2D;
    const y = denseOp(x2, layer.w, layer.b, activation);
    return x.rank === 2 ? y : tf.reshape(y, [...lead, outFeatures]);
  });
}

/** The layer's variables, weight first. */
export function denseVariables(layer: DenseParams): tf.Variable[] {
  return layer.b === null ? [layer.w] : [layer.w, layer.b];
}
