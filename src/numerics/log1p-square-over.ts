/**
 * log(1 + x²/ν), the kernel of the Student-t and Cauchy log-densities.
 */
import * as tf from '@tensorflow/tfjs';
import { broadcastPair } from './broadcast-pair.js';
import type { CustomGradFunction } from './elementwise-op.js';
import { log1p } from './log1p.js';

// Written with q = √ν/|x|: x² overflows float32 once |x| > 1.8e19, and so would the x² inside the
// textbook derivatives, so both value and gradient avoid forming it.
const op = tf.customGrad(((x: tf.Tensor, nu: tf.Tensor, save: tf.GradSaveFunc) => {
  save([x, nu]);
  const value = tf.tidy(() => {
    const near = tf.sqrt(nu).greaterEqual(tf.abs(x));
    // |x| ≤ √ν: log1p(x²/ν) directly, exact for tiny ratios.   |x| > √ν: −2 log q + log1p(q²), q < 1.
    const nearValue = log1p(x.square().div(nu));
    const q = tf.sqrt(nu).div(tf.abs(x));
    return tf.where(near, nearValue, log1p(q.square()).sub(tf.log(q).mul(2)));
  });
  const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
    const [xs, nus] = saved as [tf.Tensor, tf.Tensor];
    // ∂/∂x = 2x/(ν + x²) = 2/(x + ν/x);   ∂/∂ν = −x²/(ν(ν + x²)) = −1/(ν + ν²/x²).
    // x = 0 gives 2/∞ = 0 and −1/∞ = 0, the correct limits.
    const dx = tf.scalar(2).div(xs.add(nus.div(xs)));
    const dnu = tf.reciprocal(nus.add(nus.div(xs).square())).neg();
    return [dy.mul(dx), dy.mul(dnu)];
  };
  return { value, gradFunc };
}) as CustomGradFunction);

/**
 * log(1 + x²/ν) elementwise for ν > 0, broadcasting x against ν; differentiable in both.
 *
 * Student-t: log p(x) = studentTLogNormalizer(ν) − log σ − (ν + 1)/2 · log1pSquareOver((x − μ)/σ, ν);
 * Cauchy is ν = 1. Finite for every finite x (log1pSquareOver(1e30, 1) ≈ 138.2, where log1p(x²)
 * would be ∞) and exact to float32 rounding for tiny x²/ν.
 */
export function log1pSquareOver(x: tf.Tensor, nu: tf.Tensor): tf.Tensor {
  return tf.tidy(() => op(...broadcastPair('log1pSquareOver', ['x', 'nu'], x, nu)));
}
