/**
 * y = σ(u) = 1 / (1 + e^{−u}): ℝ → (0, 1). Inverse u = log y − log(1 − y);
 * log |dy/du| = log σ(u) + log σ(−u).
 *
 * The output is clamped one float32 ulp inside (0, 1): σ(u) rounds to exactly 1 for u > 17, and
 * a value on the boundary would have log-density −∞ under most unit-interval families.
 */
import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '@tensorflow/tfjs';
import { logSigmoid } from '../../numerics/index.js';
import { real, unitInterval } from '../constraints/index.js';
import { FLOAT32_BELOW_ONE, FLOAT32_TINY } from '../ops.js';
import { Transform } from './transform.js';

export class SigmoidTransform extends Transform {
  readonly name = 'Sigmoid';
  readonly domain = real;
  readonly codomain = unitInterval;

  forward(u: Tensor): Tensor {
    return tf.tidy(() => tf.clipByValue(tf.sigmoid(u), FLOAT32_TINY, FLOAT32_BELOW_ONE));
  }

  inverse(y: Tensor): Tensor {
    return tf.tidy(() => tf.sub(tf.log(y), tf.log1p(tf.neg(y))));
  }

  logAbsDetJacobian(u: Tensor): Tensor {
    return tf.tidy(() => tf.add(logSigmoid(u), logSigmoid(tf.neg(u))));
  }
}
