/**
 * y = loc + scale · u, elementwise (with `eventRank` trailing dims treated as one event).
 * log |det J| = Σ_event log |scale|. Domain and codomain default to ℝ; pass `sets` when the map is
 * used between narrower sets (e.g. (0, 1) → (a, b) in the interval transform).
 */
import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '@tensorflow/tfjs';
import { independent, real, type Constraint } from '../constraints/index.js';
import { broadcastShapes } from '../shapes.js';
import { sumRightmost, toFloat, type TensorLike } from '../ops.js';
import { Transform } from './transform.js';

export class AffineTransform extends Transform {
  readonly name = 'Affine';
  readonly loc: Tensor;
  readonly scale: Tensor;
  readonly domain: Constraint;
  readonly codomain: Constraint;

  constructor(
    loc: TensorLike,
    scale: TensorLike,
    readonly eventRank = 0,
    sets: { readonly domain: Constraint; readonly codomain: Constraint } = { domain: real, codomain: real },
  ) {
    super();
    this.loc = toFloat(loc);
    this.scale = toFloat(scale);
    this.domain = independent(sets.domain, eventRank);
    this.codomain = independent(sets.codomain, eventRank);
  }

  forward(u: Tensor): Tensor {
    return tf.tidy(() => tf.add(this.loc, tf.mul(this.scale, u)));
  }

  inverse(y: Tensor): Tensor {
    return tf.tidy(() => tf.div(tf.sub(y, this.loc), this.scale));
  }

  logAbsDetJacobian(u: Tensor): Tensor {
    return tf.tidy(() => {
      const full = tf.broadcastTo(tf.log(tf.abs(this.scale)), broadcastShapes(u.shape, this.loc.shape, this.scale.shape)!);
      return sumRightmost(full, this.eventRank);
    });
  }

  override toString(): string {
    return `Affine(${describe(this.loc)}, ${describe(this.scale)})`;
  }
}

function describe(t: Tensor): string {
  return t.size === 1 ? String(Number(t.dataSync()[0]!.toPrecision(6))) : `tensor${JSON.stringify(t.shape)}`;
}
