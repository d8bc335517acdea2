/**
 * The Normal log-density log N(x; μ, σ) = −½ z² − ½ log 2π − log σ with z = (x − μ)/σ,
 * elementwise with broadcasting, as one composite kernel whose gradient is written out:
 *
 *   ∂/∂x = −z/σ     ∂/∂μ = z/σ     ∂/∂σ = (z² − 1)/σ.
 *
 * Autodiff of the formula recorded its seven operations on the tape, each with saved copies of its
 * inputs, and ran about a dozen kernels backward. A guide's draw is scored under the guide and the
 * prior on every step (kept for diagnostics when an analytic KL replaces them in the objective):
 * here the forward runs below the tape and only the gradients asked for are formed.
 */
import * as tf from '@tensorflow/tfjs';
import { runComposite, type CompositeKernel } from '../runtime/composite-kernel.js';
import { reduceTo } from './reduce-to.js';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

const kernel: CompositeKernel = {
  name: 'VmodelNormalLogProb',
  inputsToSave: ['x', 'loc', 'scale'],
  outputsToSave: [],

  forward(inputs) {
    const { x, loc, scale } = inputs as Record<'x' | 'loc' | 'scale', tf.Tensor>;
    const z = tf.div(tf.sub(x, loc), scale);
    return tf.sub(tf.sub(tf.mul(-0.5, tf.square(z)), HALF_LOG_2PI), tf.log(scale));
  },

  gradient(dy, saved) {
    const [x, loc, scale] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
    const zOverScale = (): tf.Tensor => tf.div(tf.sub(x, loc), tf.square(scale));
    return {
      x: () => reduceTo(tf.neg(tf.mul(dy, zOverScale())), x.shape),
      loc: () => reduceTo(tf.mul(dy, zOverScale()), loc.shape),
      scale: () => reduceTo(tf.mul(dy, tf.div(tf.sub(tf.square(tf.div(tf.sub(x, loc), scale)), 1), scale)), scale.shape),
    };
  },
};

/** log N(x; loc, scale), elementwise. */
export function normalLogProb(x: tf.Tensor, loc: tf.Tensor, scale: tf.Tensor): tf.Tensor {
  return runComposite(kernel, { x, loc, scale }, {});
}
