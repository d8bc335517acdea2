/**
 * Gradient clipping by global norm (as torch.nn.utils.clip_grad_norm_):
 *   n = sqrt(Σ_i ‖g_i‖²),   g_i ← g_i · min(1, maxNorm / (n + 1e-6)).
 * The scale is computed on the device, so clipping never waits for a host read.
 */
import * as tf from '@tensorflow/tfjs';

/** The clipped gradients (new tensors) and the global norm before clipping. */
export function clipByGlobalNorm(grads: tf.NamedTensorMap, maxNorm: number): { grads: tf.NamedTensorMap; norm: tf.Scalar } {
  if (!(maxNorm > 0)) throw new RangeError(`clipByGlobalNorm: maxNorm must be a positive number, got ${maxNorm}`);
  return tf.tidy(() => {
    const norm = globalNorm(grads);
    const scale = tf.minimum(1, tf.div(maxNorm, tf.add(norm, 1e-6)));
    const out: tf.NamedTensorMap = {};
    for (const [k, g] of Object.entries(grads)) out[k] = tf.mul(g, scale);
    return { grads: out, norm };
  });
}

/** sqrt(Σ_i ‖g_i‖²) over every tensor in the map (0 for an empty map). */
export function globalNorm(grads: tf.NamedTensorMap): tf.Scalar {
  const gs = Object.values(grads);
  if (gs.length === 0) return tf.scalar(0);
  return tf.tidy(() => tf.sqrt(tf.addN(gs.map((g) => tf.sum(tf.square(g))))) as tf.Scalar);
}
