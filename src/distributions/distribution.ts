/**
 * The distribution contract, after torch.distributions: parameters declared with constraints,
 * a support, batch and event shapes, a reparameterized sampler where one exists, `logProb`,
 * moments and entropy where closed forms exist, and `enumerateSupport` for finite families.
 *
 * Shapes: a draw has shape `[...sampleShape, ...batchShape, ...eventShape]`; `logProb(x)` sums
 * over the event dims only and broadcasts the remaining leading dims of `x` against `batchShape`.
 */
import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '@tensorflow/tfjs';
import type { Rng } from '../runtime/rng.js';
import type { Constraint } from './constraints/index.js';
import type { ParamSpec } from './family.js';
import { broadcastTo, detach, sumRightmost } from './ops.js';
import { broadcastShapes, formatShape, sameShape } from './shapes.js';
import { assertSatisfies, DistributionError, validationEnabled } from './validation.js';

export interface DistributionOptions {
  /** Check parameters at construction and values in `logProb` (default: the global switch). */
  readonly validateArgs?: boolean;
}

/** What wrappers (Independent, TransformedDistribution) pass: their batch shape is not the parameters'. */
export interface DistributionInit extends DistributionOptions {
  readonly batchShape?: readonly number[];
}

export abstract class Distribution {
  readonly batchShape: number[];
  readonly eventShape: number[];
  /** Whether `validateArgs` was on when this distribution was built. */
  protected readonly validate: boolean;

  /**
   * @param name    the family name used in messages
   * @param params  the parameter tensors actually given, by name (float32)
   * @param specs   the declared parameters (constraint and event rank of each)
   * @param eventShape the shape of one draw
   */
  protected constructor(
    readonly name: string,
    readonly params: Readonly<Record<string, Tensor>>,
    readonly specs: readonly ParamSpec[],
    eventShape: readonly number[],
    options: DistributionInit = {},
  ) {
    this.validate = options.validateArgs ?? validationEnabled();
    this.eventShape = [...eventShape];
    this.batchShape = options.batchShape ? [...options.batchShape] : batchShapeOf(name, params, specs);
    if (this.validate) {
      for (const spec of specs) {
        const p = params[spec.name];
        if (p !== undefined) assertSatisfies(name, `parameter '${spec.name}'`, p, spec.constraint);
      }
    }
  }

  /** The set draws live in. */
  abstract get support(): Constraint;

  /** Whether `rsample` gives draws that are differentiable functions of the parameters. */
  get hasRsample(): boolean {
    return false;
  }

  /** Whether the support is finite, so `enumerateSupport` works. */
  get hasEnumerateSupport(): boolean {
    return false;
  }

  /**
   * log p(x), summed over event dims; shape `broadcast(x.shape[:-eventRank], batchShape)`.
   * Integer and boolean values (data as loaded) are cast to float32 first.
   */
  logProb(x: Tensor): Tensor {
    if (x.dtype !== 'float32') return tf.tidy(() => this.logProb(tf.cast(x, 'float32')));
    if (this.validate) this.validateValue(x);
    return this.logProbUnchecked(x);
  }

  /** `logProb` without validation: what families implement. */
  protected abstract logProbUnchecked(x: Tensor): Tensor;

  /**
   * `logProb(x)` summed over its `dims` rightmost dimensions: a factor over an array of
   * conditionally independent values (`x : binary[D]`) scores one row this way.
   */
  logProbSum(x: Tensor, dims: number): Tensor {
    if (x.dtype !== 'float32') return tf.tidy(() => this.logProbSum(tf.cast(x, 'float32'), dims));
    if (this.validate) this.validateValue(x);
    return this.logProbSumUnchecked(x, dims);
  }

  /** Families override this where the sum has a faster form than summing `logProbUnchecked`. */
  protected logProbSumUnchecked(x: Tensor, dims: number): Tensor {
    return tf.tidy(() => sumRightmost(this.logProbUnchecked(x), dims));
  }

  /** A reparameterized draw: gradients flow to the parameters. */
  rsample(_rng: Rng, _sampleShape: readonly number[] = []): Tensor {
    throw new DistributionError(
      `${this.name}: has no reparameterized sampler (rsample); use sample() with a score-function estimator`,
    );
  }

  /** A draw with no gradient to the parameters. */
  sample(rng: Rng, sampleShape: readonly number[] = []): Tensor {
    return tf.tidy(() => detach(this.rsample(rng, sampleShape)));
  }

  get mean(): Tensor {
    throw this.noClosedForm('mean');
  }

  get variance(): Tensor {
    throw this.noClosedForm('variance');
  }

  get stddev(): Tensor {
    return tf.tidy(() => tf.sqrt(this.variance));
  }

  /** The differential (or discrete) entropy H[p] = −E log p(x), per batch element. */
  entropy(): Tensor {
    throw this.noClosedForm('entropy');
  }

  /**
   * Every value of a finite support along a new leading axis: shape `[n, ...batchShape, ...eventShape]`
   * (or `[n, 1, …, 1, ...eventShape]` with `expand = false`, to broadcast against the batch).
   */
  enumerateSupport(_expand = true): Tensor {
    throw new DistributionError(`${this.name}: support ${this.support} is not finite, so it cannot be enumerated`);
  }

  /** The same family with parameters broadcast to a larger batch shape. */
  expand(batchShape: readonly number[]): Distribution {
    const target = broadcastShapes(this.batchShape, batchShape);
    if (!target || !sameShape(target, batchShape)) {
      throw new DistributionError(
        `${this.name}: cannot expand batch shape ${formatShape(this.batchShape)} to ${formatShape(batchShape)}`,
      );
    }
    const expanded: Record<string, Tensor> = {};
    for (const spec of this.specs) {
      const p = this.params[spec.name];
      if (p === undefined) continue;
      const eventPart = p.shape.slice(p.rank - spec.eventRank);
      expanded[spec.name] = broadcastTo(p, [...batchShape, ...eventPart]);
    }
    return this.withParams(expanded);
  }

  /** A distribution of the same family and options with new parameters (used by `expand`). */
  protected withParams(_params: Record<string, Tensor>): Distribution {
    throw new DistributionError(`${this.name}: expand is not implemented (override withParams or expand)`);
  }

  /** The shape of a draw for `sampleShape`. */
  protected extendedShape(sampleShape: readonly number[]): number[] {
    return [...sampleShape, ...this.batchShape, ...this.eventShape];
  }

  /** Check that `x` has this event shape and lies in the support. */
  protected validateValue(x: Tensor): void {
    const rank = this.eventShape.length;
    const eventPart = x.shape.slice(x.rank - rank);
    if (x.rank < rank || !sameShape(eventPart, this.eventShape)) {
      throw new DistributionError(
        `${this.name}: value (shape ${formatShape(x.shape)}) must end in the event shape ${formatShape(this.eventShape)}`,
      );
    }
    const lead = x.shape.slice(0, x.rank - rank);
    if (!broadcastShapes(lead, this.batchShape)) {
      throw new DistributionError(
        `${this.name}: value (shape ${formatShape(x.shape)}) does not broadcast against batch shape ${formatShape(this.batchShape)}`,
      );
    }
    assertSatisfies(this.name, 'value', x, this.support, 'must lie in the support');
  }

  private noClosedForm(what: string): DistributionError {
    return new DistributionError(`${this.name}: no closed form for the ${what}`);
  }
}

/** Broadcast the batch parts of the given parameters, or say which pair does not broadcast. */
function batchShapeOf(name: string, params: Readonly<Record<string, Tensor>>, specs: readonly ParamSpec[]): number[] {
  let shape: number[] = [];
  let previous: string | undefined;
  for (const spec of specs) {
    const p = params[spec.name];
    if (p === undefined) continue;
    if (p.rank < spec.eventRank) {
      const kind = spec.eventRank === 1 ? 'a vector' : `rank ${spec.eventRank}`;
      throw new DistributionError(`${name}: parameter '${spec.name}' (shape ${formatShape(p.shape)}) must be ${kind}`);
    }
    const batch = p.shape.slice(0, p.rank - spec.eventRank);
    const next = broadcastShapes(shape, batch);
    if (!next) {
      throw new DistributionError(
        `${name}: parameter '${spec.name}' (batch shape ${formatShape(batch)}) does not broadcast with '${previous}' (batch shape ${formatShape(shape)})`,
      );
    }
    shape = next;
    previous = spec.name;
  }
  return shape;
}
