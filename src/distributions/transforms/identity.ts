/** The identity on ℝ: the unconstraining transform of `real`. */
import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '@tensorflow/tfjs';
import { real } from '../constraints/index.js';
import { Transform } from './transform.js';

export class IdentityTransform extends Transform {
  readonly name = 'Identity';
  readonly domain = real;
  readonly codomain = real;

  forward(u: Tensor): Tensor {
    return tf.clone(u);
  }

  inverse(y: Tensor): Tensor {
    return tf.clone(y);
  }

  logAbsDetJacobian(u: Tensor): Tensor {
    return tf.zerosLike(u);
  }
}
