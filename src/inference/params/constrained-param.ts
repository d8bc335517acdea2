/**
 * A constrained parameter kept in unconstrained space: θ = T(u) with T = bijectTo(constraint), so
 * that gradient steps on u never leave the support (a scale stays positive, a simplex sums to 1).
 */
import * as tf from '@tensorflow/tfjs';
import { bijectTo, constraintForType, type Transform } from '../../distributions/index.js';
import type { ConstValue, NodeType } from '../../graph/ir.js';
import type { Rng } from '../../runtime/rng.js';

export interface UnconstrainedLayout {
  readonly transform: Transform;
  /** Shape of the constrained value (the declared row shape). */
  readonly shape: readonly number[];
  /** Shape of the unconstrained vector u. */
  readonly unconstrainedShape: readonly number[];
}

export function layoutOf(type: NodeType): UnconstrainedLayout {
  const transform = bijectTo(constraintForType(type.kind, type.kindArgs));
  return { transform, shape: type.shape, unconstrainedShape: transform.inverseShape(type.shape) };
}

/**
 * Initial unconstrained values: the declared initial value mapped back through T, or small
 * random values around u = 0 (T(0) is 1 for positive, the uniform point of a simplex, the identity
 * factor for Cholesky) so that symmetric parameters, like mixture means, start apart.
 */
export function initialUnconstrained(layout: UnconstrainedLayout, rng: Rng, init?: ConstValue, leading: readonly number[] = []): tf.Tensor {
  return tf.tidy(() => {
    if (init !== undefined) {
      const value = tf.broadcastTo(tf.tensor(init as number | number[]), [...leading, ...layout.shape]);
      return layout.transform.inverse(value);
    }
    return rng.normal([...leading, ...layout.unconstrainedShape]).mul(0.1);
  });
}
