/**
 * Uniform(low a, high b): log p(x) = −log(b − a) on [a, b). Mean (a + b)/2,
 * variance (b − a)²/12, entropy log(b − a). Reparameterized: x = a + (b − a) u.
 *
 * The support depends on the parameters: with single-valued bounds it is [a, b); for
 * batched bounds `support` is the hull over the batch and values are checked per element.
 */
import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '@tensorflow/tfjs';
import type { Rng } from '../../runtime/rng.js';
import { implementFamily, uniformFamily } from '../builtins.js';
import { real, RealInterval, type Constraint } from '../constraints/index.js';
import { Distribution, type DistributionOptions } from '../distribution.js';
import { toFloat, type TensorLike } from '../ops.js';
import { formatShape, unravelIndex } from '../shapes.js';
import { DistributionError } from '../validation.js';

export class Uniform extends Distribution {
  readonly low: Tensor;
  readonly high: Tensor;

  constructor(low: TensorLike, high: TensorLike, options: DistributionOptions = {}) {
    const p = { low: toFloat(low), high: toFloat(high) };
    super('Uniform', p, uniformFamily.params, [], options);
    this.low = p.low;
    this.high = p.high;
    if (this.validate) this.checkOrdered();
  }

  get support(): Constraint {
    const lo = Math.min(...this.low.dataSync());
    const hi = Math.max(...this.high.dataSync());
    return lo < hi ? new RealInterval(lo, hi, true, false) : real;
  }

  override get hasRsample(): boolean {
    return true;
  }

  protected logProbUnchecked(x: Tensor): Tensor {
    return tf.tidy(() => {
      const lp = tf.neg(tf.log(tf.sub(this.high, this.low)));
      const inside = tf.logicalAnd(tf.greaterEqual(x, this.low), tf.less(x, this.high));
      return tf.where(inside, tf.broadcastTo(lp, inside.shape), tf.fill(inside.shape, -Infinity));
    });
  }

  override rsample(rng: Rng, sampleShape: readonly number[] = []): Tensor {
    return tf.tidy(() => tf.add(this.low, tf.mul(tf.sub(this.high, this.low), rng.uniform(this.extendedShape(sampleShape)))));
  }

  override get mean(): Tensor {
    return tf.tidy(() => tf.broadcastTo(tf.div(tf.add(this.low, this.high), 2), this.batchShape));
  }

  override get variance(): Tensor {
    return tf.tidy(() => tf.broadcastTo(tf.div(tf.square(tf.sub(this.high, this.low)), 12), this.batchShape));
  }

  override entropy(): Tensor {
    return tf.tidy(() => tf.broadcastTo(tf.log(tf.sub(this.high, this.low)), this.batchShape));
  }

  protected override withParams(p: Record<string, Tensor>): Uniform {
    return new Uniform(p.low!, p.high!, { validateArgs: this.validate });
  }

  /** Values must lie in [low, high) of their own batch element, not just in the hull. */
  protected override validateValue(x: Tensor): void {
    super.validateValue(x);
    const inside = tf.tidy(() => tf.logicalAnd(tf.greaterEqual(x, this.low), tf.less(x, this.high)));
    this.firstViolation('value', x, inside, 'must lie in [low, high)');
  }

  private checkOrdered(): void {
    this.firstViolation("parameter 'high'", this.high, tf.greater(this.high, this.low), "must be greater than 'low'");
  }

  private firstViolation(what: string, x: Tensor, okTensor: Tensor, rule: string): void {
    const ok = okTensor.dataSync();
    const shape = okTensor.shape;
    okTensor.dispose();
    const bad = ok.findIndex((v) => !v);
    if (bad < 0) return;
    const index = unravelIndex(bad, shape);
    const [lo, hi, v] = tf.tidy(() => {
      const at = (t: Tensor) => tf.broadcastTo(t, shape).dataSync()[bad]!;
      return [at(this.low), at(this.high), at(x)];
    });
    throw new DistributionError(
      `Uniform: ${what} (shape ${formatShape(x.shape)}) ${rule}, but found ${v} with low ${lo} and high ${hi} at index ${formatShape(index)}`,
    );
  }
}

implementFamily(uniformFamily, (p) => new Uniform(p.low!, p.high!));
