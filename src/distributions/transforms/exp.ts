/** y = exp(u): ℝ → (0, ∞), log |dy/du| = u. */
import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '@tensorflow/tfjs';
import { positive, real } from '../constraints/index.js';
import { Transform } from './transform.js';

export class ExpTransform extends Transform {
  readonly name = 'Exp';
  readonly domain = real;
  readonly codomain = positive;

  forward(u: Tensor): Tensor {
    return tf.exp(u);
  }

  inverse(y: Tensor): Tensor {
    return tf.log(y);
  }

  logAbsDetJacobian(u: Tensor): Tensor {
    return tf.clone(u);
  }
}
