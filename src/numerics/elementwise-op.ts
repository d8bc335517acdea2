/**
 * Construction of elementwise ops whose gradient is given in closed form.
 */
import * as tf from '@tensorflow/tfjs';
import { asFloat } from './as-float.js';

/** The function type `tf.customGrad` accepts, which its typings spell too loosely to use directly. */
export type CustomGradFunction = Parameters<typeof tf.customGrad>[0];

/**
 * An op y = f(x) with dL/dx = dL/dy · f′(x), where `derivative` computes f′ with differentiable ops
 * (so second derivatives work when f′ is itself such an op). Integer inputs are cast to float32;
 * intermediates are released; a non-tensor argument is reported under `name`.
 */
export function elementwiseOp(
  name: string,
  value: (x: tf.Tensor) => tf.Tensor,
  derivative: (x: tf.Tensor) => tf.Tensor,
): (x: tf.Tensor) => tf.Tensor {
  const op = tf.customGrad(((x: tf.Tensor, save: tf.GradSaveFunc) => {
    save([x]);
    return {
      value: tf.tidy(() => value(x)),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [dy.mul(derivative(saved[0]!))],
    };
  }) as CustomGradFunction);
  return (x) => tf.tidy(() => op(asFloat(name, 'x', x)));
}
