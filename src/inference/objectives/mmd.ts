/**
 * Maximum mean discrepancy between two samples with a Gaussian kernel (Gretton et al. 2012):
 *
 *   MMD²(P, Q) = E k(x, x') + E k(y, y') − 2 E k(x, y),   k(a, b) = exp(−‖a − b‖² / (2 d))
 *
 * (the biased V-statistic, which is never negative). The bandwidth 2σ² = 2d, d the dimension,
 * keeps the kernel informative for standard-normal-scale latents of any dimension, as in InfoVAE.
 */
import * as tf from '@tensorflow/tfjs';

export function mmd(x: tf.Tensor2D, y: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const d = x.shape[1];
    if (y.shape[1] !== d) throw new Error(`mmd: samples have different dimensions (${d} and ${y.shape[1]})`);
    const kernelMean = (a: tf.Tensor2D, b: tf.Tensor2D) => gaussianKernel(a, b, 2 * d).mean();
    return kernelMean(x, x).add(kernelMean(y, y)).sub(kernelMean(x, y).mul(2)) as tf.Scalar;
  });
}

/** exp(−‖a_i − b_j‖² / bandwidth) for all pairs, via ‖a‖² + ‖b‖² − 2 a·b (one matrix product). */
function gaussianKernel(a: tf.Tensor2D, b: tf.Tensor2D, bandwidth: number): tf.Tensor2D {
  const a2 = a.square().sum(1, true);
  const b2 = b.square().sum(1, true).transpose();
  const cross = tf.matMul(a, b.transpose());
  const dist2 = tf.relu(a2.add(b2).sub(cross.mul(2))); // relu: rounding can make it slightly negative
  return dist2.div(-bandwidth).exp() as tf.Tensor2D;
}
