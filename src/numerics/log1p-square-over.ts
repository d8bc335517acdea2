/**
 * log(1 + x²/ν), the kernel of the Student-t and Cauchy log-densities.
 */
import * as tf from '@tensorflow/tfjs';
import { broadcastPair } from './broadcast-pair.js';
import { log1p } from './log1p.js';

/**
 * log(1 + x²/ν) elementwise for ν > 0, broadcasting x against ν.
 *
 * Student-t: log p(x) = normalizer(ν) − log σ − (ν + 1)/2 · log1pSquareOver((x − μ)/σ, ν);
 * Cauchy is ν = 1. Squaring overflows float32 once |x| > 1.8e19, so for |x| > √ν the value is
 * rewritten with q = √ν/|x| < 1 as −2 log q + log1p(q²); for |x| ≤ √ν, log1p keeps tiny values
 * exact. The result is finite for every finite x (log1pSquareOver(1e30, 1) ≈ 138.2) and the
 * gradient 2x/(ν + x²) never becomes NaN.
 */
export function log1pSquareOver(x: tf.Tensor, nu: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const [xf, nuf] = broadcastPair('log1pSquareOver', x, nu);
    const root = tf.sqrt(nuf);
    const far = tf.abs(xf).greater(root);
    // Each branch only ever sees arguments valid for it, so neither can leak NaN into the gradient.
    const xNear = tf.where(far, tf.zerosLike(xf), xf);
    const near = log1p(xNear.square().div(nuf));
    const q = root.div(tf.where(far, tf.abs(xf), root));
    const farValue = log1p(q.square()).sub(tf.log(q).mul(2));
    return tf.where(far, farValue, near);
  });
}
