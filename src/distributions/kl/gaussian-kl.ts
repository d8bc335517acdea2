/**
 * KL(N(μp, σp²) ‖ N(μq, σq²)) = ½ (r² + δ² − 1 − log r²) with r = σp/σq and δ = (μp − μq)/σq,
 * elementwise with broadcasting, as one composite kernel (runtime/composite-kernel.ts) whose
 * gradient is written out:
 *
 *   ∂/∂μp = δ/σq     ∂/∂μq = −δ/σq     ∂/∂σp = (r² − 1)/σp     ∂/∂σq = (1 − r² − δ²)/σq.
 *
 * Autodiff through the ten operations of the formula recorded every one on the tape, with a saved
 * copy of its inputs, and took some twenty kernels backward; here the forward runs below the tape and
 * the gradient is asked for only for the arguments that need one (a guide's μ and σ, not a fixed
 * prior's): a mean-field or amortized Normal guide's KL costs a handful of kernels per step.
 */
import * as tf from '@tensorflow/tfjs';
import { reduceTo } from '../../numerics/reduce-to.js';
import { runComposite, type CompositeKernel } from '../../runtime/composite-kernel.js';

const kernel: CompositeKernel = {
  name: 'VmodelGaussianKL',
  inputsToSave: ['muP', 'sP', 'muQ', 'sQ'],
  outputsToSave: [],

  forward(inputs) {
    const { muP, sP, muQ, sQ } = inputs as Record<'muP' | 'sP' | 'muQ' | 'sQ', tf.Tensor>;
    const ratio = tf.square(tf.div(sP, sQ));
    const shift = tf.square(tf.div(tf.sub(muP, muQ), sQ));
    return tf.mul(0.5, tf.sub(tf.add(ratio, shift), tf.add(1, tf.log(ratio))));
  },

  gradient(dy, saved) {
    const [muP, sP, muQ, sQ] = saved as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
    // Each thunk runs in its own tidy; δ/σq and r² are recomputed by the few that need them.
    const deltaOverSq = (): tf.Tensor => tf.div(tf.sub(muP, muQ), tf.square(sQ));
    const r2 = (): tf.Tensor => tf.square(tf.div(sP, sQ));
    return {
      muP: () => reduceTo(tf.mul(dy, deltaOverSq()), muP.shape),
      muQ: () => reduceTo(tf.neg(tf.mul(dy, deltaOverSq())), muQ.shape),
      sP: () => reduceTo(tf.mul(dy, tf.div(tf.sub(r2(), 1), sP)), sP.shape),
      sQ: () => reduceTo(tf.mul(dy, tf.div(tf.sub(tf.sub(1, r2()), tf.square(tf.div(tf.sub(muP, muQ), sQ))), sQ)), sQ.shape),
    };
  },
};

/** KL(N(μp, σp²) ‖ N(μq, σq²)) elementwise; numbers are taken as scalars. */
export function gaussianKL(muP: tf.Tensor | number, sP: tf.Tensor, muQ: tf.Tensor | number, sQ: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const tensor = (v: tf.Tensor | number): tf.Tensor => (typeof v === 'number' ? tf.scalar(v) : v);
    return runComposite(kernel, { muP: tensor(muP), sP, muQ: tensor(muQ), sQ }, {});
  });
}
