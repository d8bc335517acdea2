/**
 * Elementwise activation functions for dense layers, with their derivatives written in terms
 * of the layer's *output* y = act(z), so a backward pass needs only what the forward kept.
 *
 *   relu      y = max(z, 0)          dy/dz = [y > 0]
 *   tanh      y = tanh z             dy/dz = 1 − y²
 *   sigmoid   y = 1 / (1 + e^−z)     dy/dz = y (1 − y)
 *   softplus  y = log(1 + e^z)       dy/dz = σ(z) = 1 − e^−y = −expm1(−y)
 *   elu       y = z (z > 0), e^z − 1 dy/dz = 1 (y > 0), y + 1 otherwise = min(y, 0) + 1
 *   identity  y = z                  dy/dz = 1
 */
import * as tf from '@tensorflow/tfjs';

export const ACTIVATIONS = ['identity', 'relu', 'tanh', 'sigmoid', 'softplus', 'elu'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

/** The activations tfjs can fuse into a matrix product (`tf.fused.matMul`), by our name. */
const FUSABLE: Readonly<Partial<Record<Activation, tf.fused.Activation>>> = {
  identity: 'linear',
  relu: 'relu',
  sigmoid: 'sigmoid',
  elu: 'elu',
};

/** The tfjs fused-activation name for `act`, or undefined when it must run as a separate op. */
export function fusedActivation(act: Activation): tf.fused.Activation | undefined {
  return FUSABLE[act];
}

export function isActivation(name: string): name is Activation {
  return (ACTIVATIONS as readonly string[]).includes(name);
}

/**
 * Check an activation name from user input.
 * @throws RangeError naming the bad value and the accepted ones.
 */
export function parseActivation(name: string, where = 'activation'): Activation {
  if (isActivation(name)) return name;
  throw new RangeError(`${where}: unknown activation '${name}'; expected one of ${ACTIVATIONS.join(', ')}`);
}

/** y = act(z). */
export function activate(z: tf.Tensor, act: Activation): tf.Tensor {
  switch (act) {
    case 'identity':
      return z;
    case 'relu':
      return tf.relu(z);
    case 'tanh':
      return tf.tanh(z);
    case 'sigmoid':
      return tf.sigmoid(z);
    case 'softplus':
      return tf.softplus(z);
    case 'elu':
      return tf.elu(z);
  }
}

/** dL/dz = dL/dy · act'(z), computed from the output y (see the table above). */
export function activationBackward(dy: tf.Tensor, y: tf.Tensor, act: Activation): tf.Tensor {
  return tf.tidy(() => {
    switch (act) {
      case 'identity':
        return dy.clone();
      case 'relu':
        return tf.mul(dy, tf.step(y));
      case 'tanh':
        return tf.mul(dy, tf.sub(1, tf.square(y)));
      case 'sigmoid':
        return tf.mul(dy, tf.mul(y, tf.sub(1, y)));
      case 'softplus':
        return tf.mul(dy, tf.neg(tf.expm1(tf.neg(y))));
      case 'elu':
        return tf.mul(dy, tf.add(tf.minimum(y, 0), 1));
    }
  });
}
