/**
 * A multilayer perceptron: dense layers with one hidden activation and an output activation,
 * the network behind `net f = mlp(K -> 400 -> D, relu)` in a .vmodel file.
 *
 *   const f = createMlp({ sizes: [20, 400, 784], activation: 'relu' }, { rng, name: 'dec' });
 *   const logits = applyMlp(f, z);    // z: [k, 128, 20] → [k, 128, 784]
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../runtime/rng.js';
import { parseActivation, type Activation } from './activations.js';
import { applyDense, createDense, denseVariables, type DenseParams } from './dense.js';
import type { Initializer } from './initializers.js';

export interface MlpSpec {
  /** Layer widths, input first: [in, hidden..., out]; at least two entries. */
  readonly sizes: readonly number[];
  /** Activation after every hidden layer. */
  readonly activation: Activation;
  /** Activation after the last layer; default identity. */
  readonly outputActivation?: Activation;
}

export interface Mlp {
  readonly spec: MlpSpec;
  readonly layers: readonly DenseParams[];
}

export interface MlpOptions {
  readonly rng: Rng;
  readonly init?: Initializer;
  /** Layer i's variables are named `${name}/${i}/w` and `${name}/${i}/b`. */
  readonly name?: string;
  readonly trainable?: boolean;
}

/** A new network with freshly initialized layers. @throws RangeError on a bad spec. */
export function createMlp(spec: MlpSpec, options: MlpOptions): Mlp {
  const where = `mlp${options.name ? ` '${options.name}'` : ''}`;
  const { sizes } = spec;
  if (sizes.length < 2) throw new RangeError(`${where}: sizes needs an input and an output width, got [${sizes.join(', ')}]`);
  sizes.forEach((s, i) => {
    if (!Number.isInteger(s) || s < 1) throw new RangeError(`${where}: size ${i} must be a positive integer, got ${s}`);
  });
  parseActivation(spec.activation, `${where} activation`);
  if (spec.outputActivation !== undefined) parseActivation(spec.outputActivation, `${where} outputActivation`);
  const layers: DenseParams[] = [];
  for (let i = 0; i + 1 < sizes.length; i++) {
    layers.push(
      createDense(sizes[i]!, sizes[i + 1]!, {
        rng: options.rng,
        init: options.init,
        trainable: options.trainable,
        name: options.name === undefined ? undefined : `${options.name}/${i}`,
      }),
    );
  }
  return { spec, layers };
}

/** The network's output for x of shape [..., sizes[0]]: [..., sizes[last]]. */
export function applyMlp(net: Mlp, x: tf.Tensor): tf.Tensor {
  const last = net.layers.length - 1;
  const hidden = net.spec.activation;
  const output = net.spec.outputActivation ?? 'identity';
  return tf.tidy(() => net.layers.reduce((h, layer, i) => applyDense(layer, h, i === last ? output : hidden), x));
}

/** All variables, layer by layer (weight, then bias). */
export function mlpVariables(net: Mlp): tf.Variable[] {
  return net.layers.flatMap(denseVariables);
}

/** Free the network's variables. */
export function disposeMlp(net: Mlp): void {
  for (const v of mlpVariables(net)) v.dispose();
}
