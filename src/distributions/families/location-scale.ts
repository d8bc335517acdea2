/**
 * Location-scale families: x = loc + scale · z with z drawn from a fixed standard density f, so
 *
 *   log p(x) = log f((x − loc) / scale) − log scale,   mean loc (when f has one),
 *   variance scale² · Var f,   entropy H[f] + log scale,
 *
 * and draws are reparameterized through z. A family supplies f (its log-density and a sampler of
 * z) and the constants of f; Normal, Cauchy, Laplace and Logistic are this shape.
 *
 * Folding a symmetric standard density at zero gives the half families, x = scale · |z| on [0, ∞):
 * log p(x) = log 2 + log f(x / scale) − log scale, entropy H[f] − log 2 + log scale
 * (HalfNormal, HalfCauchy).
 */
import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '@tensorflow/tfjs';
import type { Rng } from '../../runtime/rng.js';
import { halfScaleDescription, LOCATION_SCALE_PARAMS, locationScaleDescription, SCALE_PARAMS } from '../builtins.js';
import { nonnegative, real } from '../constraints/index.js';
import { Distribution, type DistributionOptions } from '../distribution.js';
import type { FamilySpec } from '../family.js';
import { toFloat, type TensorLike } from '../ops.js';

/** The standard member f of a family, z = (x − loc) / scale. */
export interface StandardDensity {
  /** log f(z). */
  logProb(z: Tensor): Tensor;
  /** Draws of z of the given shape. */
  sample(rng: Rng, shape: readonly number[]): Tensor;
  /** E[z] (NaN where f has no mean), Var[z] and the entropy H[f]. */
  readonly mean: number;
  readonly variance: number;
  readonly entropy: number;
}

type LocationScaleClass = new (loc: TensorLike, scale: TensorLike, options?: DistributionOptions) => LocationScale;

export abstract class LocationScale extends Distribution {
  readonly loc: Tensor;
  readonly scale: Tensor;

  protected constructor(name: string, private readonly standard: StandardDensity, loc: TensorLike, scale: TensorLike, options: DistributionOptions) {
    const p = { loc: toFloat(loc), scale: toFloat(scale) };
    super(name, p, LOCATION_SCALE_PARAMS, [], options);
    this.loc = p.loc;
    this.scale = p.scale;
  }

  get support() {
    return real;
  }

  override get hasRsample(): boolean {
    return true;
  }

  protected logProbUnchecked(x: Tensor): Tensor {
    return tf.tidy(() => tf.sub(this.standard.logProb(tf.div(tf.sub(x, this.loc), this.scale)), tf.log(this.scale)));
  }

  override rsample(rng: Rng, sampleShape: readonly number[] = []): Tensor {
    return tf.tidy(() => tf.add(this.loc, tf.mul(this.scale, this.standard.sample(rng, this.extendedShape(sampleShape)))));
  }

  override get mean(): Tensor {
    return tf.tidy(() => (Number.isNaN(this.standard.mean) ? tf.fill(this.batchShape, NaN) : tf.broadcastTo(tf.add(this.loc, tf.mul(this.scale, this.standard.mean)), this.batchShape)));
  }

  override get variance(): Tensor {
    return tf.tidy(() => tf.broadcastTo(tf.mul(tf.square(this.scale), this.standard.variance), this.batchShape));
  }

  override entropy(): Tensor {
    return tf.tidy(() => tf.broadcastTo(tf.add(tf.log(this.scale), this.standard.entropy), this.batchShape));
  }

  protected override withParams(p: Record<string, Tensor>): LocationScale {
    return new (this.constructor as LocationScaleClass)(p.loc!, p.scale!, { validateArgs: this.validate });
  }
}

/** The moments of |z| for z drawn from a symmetric standard density (those of the folded family). */
export interface FoldedMoments {
  readonly mean: number;
  readonly variance: number;
}

type HalfScaleClass = new (scale: TensorLike, options?: DistributionOptions) => HalfScale;

export abstract class HalfScale extends Distribution {
  readonly scale: Tensor;

  protected constructor(name: string, private readonly standard: StandardDensity, private readonly folded: FoldedMoments, scale: TensorLike, options: DistributionOptions) {
    const p = { scale: toFloat(scale) };
    super(name, p, SCALE_PARAMS, [], options);
    this.scale = p.scale;
  }

  get support() {
    return nonnegative;
  }

  override get hasRsample(): boolean {
    return true;
  }

  protected logProbUnchecked(x: Tensor): Tensor {
    return tf.tidy(() => {
      const lp = tf.add(tf.sub(this.standard.logProb(tf.div(x, this.scale)), tf.log(this.scale)), Math.LN2);
      return tf.where(tf.less(x, 0), tf.fill(lp.shape, -Infinity), lp);
    });
  }

  override rsample(rng: Rng, sampleShape: readonly number[] = []): Tensor {
    return tf.tidy(() => tf.abs(tf.mul(this.scale, this.standard.sample(rng, this.extendedShape(sampleShape)))));
  }

  override get mean(): Tensor {
    return tf.tidy(() => tf.broadcastTo(tf.mul(this.scale, this.folded.mean), this.batchShape));
  }

  override get variance(): Tensor {
    return tf.tidy(() => tf.broadcastTo(tf.mul(tf.square(this.scale), this.folded.variance), this.batchShape));
  }

  override entropy(): Tensor {
    return tf.tidy(() => tf.broadcastTo(tf.add(tf.log(this.scale), this.standard.entropy - Math.LN2), this.batchShape));
  }

  protected override withParams(p: Record<string, Tensor>): HalfScale {
    return new (this.constructor as HalfScaleClass)(p.scale!, { validateArgs: this.validate });
  }
}

/** `create` of a half (folded) family. */
export function halfScaleCreate(Family: HalfScaleClass): FamilySpec['create'] {
  return (p) => new Family(p.scale!);
}

/** The registry entry of a half (folded) family. */
export function halfScaleFamily(name: string, Family: HalfScaleClass, summary: string): FamilySpec {
  return { ...halfScaleDescription(name, summary), create: halfScaleCreate(Family) };
}

/** `create` of a location-scale family. */
export function locationScaleCreate(Family: LocationScaleClass): FamilySpec['create'] {
  return (p) => new Family(p.loc!, p.scale!);
}

/** The registry entry of a location-scale family. */
export function locationScaleFamily(name: string, Family: LocationScaleClass, summary: string): FamilySpec {
  return { ...locationScaleDescription(name, summary), create: locationScaleCreate(Family) };
}
