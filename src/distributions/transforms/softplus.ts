/**
 * y = softplus(u) = log(1 + eᵘ): ℝ → (0, ∞), a gentler alternative to exp (linear for large u).
 * Inverse u = y + log(−expm1(−y)); log |dy/du| = log σ(u) = −softplus(−u).
 */
import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '@tensorflow/tfjs';
import { logSigmoid, softplus } from '../../numerics/index.js';
import { positive, real } from '../constraints/index.js';
import { Transform } from './transform.js';

export class SoftplusTransform extends Transform {
  readonly name = 'Softplus';
  readonly domain = real;
  readonly codomain = positive;

  forward(u: Tensor): Tensor {
    return softplus(u);
  }

  inverse(y: Tensor): Tensor {
    // −expm1(−y) = 1 − e^{−y}; tfjs has no expm1, and for y above ~1e-4 float32 1 − e^{−y} is accurate enough.
    return tf.tidy(() => tf.add(y, tf.log(tf.sub(1, tf.exp(tf.neg(y))))));
  }

  logAbsDetJacobian(u: Tensor): Tensor {
    return logSigmoid(u);
  }
}
