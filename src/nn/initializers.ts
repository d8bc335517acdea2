/**
 * Initial values for dense-layer weights and biases, drawn from an explicit seeded `Rng`.
 *
 *   torch           W, b ~ U(−1/√in, 1/√in)       PyTorch's nn.Linear default (kaiming_uniform, a = √5)
 *   glorot-uniform  W ~ U(−√(6/(in+out)), +…), b = 0
 *   he-normal       W ~ N(0, 2/in), b = 0         suited to relu layers
 *   zeros           W = 0, b = 0                  for tests and zero-initialized heads
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../runtime/rng.js';

export const INITIALIZERS = ['torch', 'glorot-uniform', 'he-normal', 'zeros'] as const;
export type Initializer = (typeof INITIALIZERS)[number];

/** Weight [in, out] and bias [out] initial values for one layer (caller owns the tensors). */
export function initialDense(
  init: Initializer,
  inFeatures: number,
  outFeatures: number,
  rng: Rng,
): { w: tf.Tensor2D; b: tf.Tensor1D } {
  return tf.tidy(() => {
    switch (init) {
      case 'torch': {
        const bound = 1 / Math.sqrt(inFeatures);
        return { w: symmetricUniform(rng, [inFeatures, outFeatures], bound), b: symmetricUniform(rng, [outFeatures], bound) };
      }
      case 'glorot-uniform': {
        const bound = Math.sqrt(6 / (inFeatures + outFeatures));
        return { w: symmetricUniform(rng, [inFeatures, outFeatures], bound), b: tf.zeros([outFeatures]) };
      }
      case 'he-normal':
        return { w: tf.mul(rng.normal([inFeatures, outFeatures]), Math.sqrt(2 / inFeatures)), b: tf.zeros([outFeatures]) };
      case 'zeros':
        return { w: tf.zeros([inFeatures, outFeatures]), b: tf.zeros([outFeatures]) };
    }
  }) as { w: tf.Tensor2D; b: tf.Tensor1D };
}

/** U(−bound, bound) from the generator's (0, 1) uniforms. */
function symmetricUniform(rng: Rng, shape: number[], bound: number): tf.Tensor {
  return tf.mul(tf.sub(tf.mul(rng.uniform(shape), 2), 1), bound);
}

/** Check an initializer name from user input. @throws RangeError listing the accepted names. */
export function parseInitializer(name: string): Initializer {
  if ((INITIALIZERS as readonly string[]).includes(name)) return name as Initializer;
  throw new RangeError(`unknown initializer '${name}'; expected one of ${INITIALIZERS.join(', ')}`);
}
