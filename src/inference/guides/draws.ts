/**
 * Draws of one guide execution, and how each kind of latent is drawn.
 *
 * Enumerated discrete latents are folded into the Monte Carlo axis: enumerating a latent with K
 * values tiles every earlier draw K times along axis 0 (index k·S + s) and gives the latent the
 * value k there, so the model runs once over all combinations with no extra axes, and the tracer
 * later reshapes axis 0 to [K_m, …, K_1, S] to sum (ELBO) or log-sum-exp (marginal likelihood)
 * over the combinations.
 */
import * as tf from '@tensorflow/tfjs';
import type { Distribution } from '../../distributions/index.js';
import { broadcastTo } from '../../distributions/index.js';
import type { LatentNode } from '../../graph/ir.js';
import type { Rng } from '../../runtime/rng.js';
import type { ExecScope } from '../exec/exec-scope.js';
import type { RowValue } from '../exec/row-value.js';
import type { Estimator, GuideSite } from './guide.js';

/** Largest support enumerated per latent, and largest number of combinations over all of them. */
export const MAX_ENUMERATED_SUPPORT = 64;
export const MAX_ENUMERATED_COMBINATIONS = 4096;

export class Draws {
  readonly sites = new Map<string, GuideSite>();
  /** Enumerated latents in order, with their support sizes. */
  readonly enumerated: { latent: string; size: number }[] = [];
  private combinations = 1;

  constructor(
    /** The current length of axis 0: Monte Carlo samples times enumerated combinations so far. */
    public samples: number,
    private readonly scope: ExecScope,
    private readonly allowEnumeration = true,
  ) {}

  add(site: GuideSite): void {
    this.sites.set(site.latent, site);
    this.scope.bind(site.latent, site.value);
  }

  /** Whether a latent with this support size may still be enumerated. */
  canEnumerate(size: number): boolean {
    return this.allowEnumeration && size <= MAX_ENUMERATED_SUPPORT && this.combinations * size <= MAX_ENUMERATED_COMBINATIONS;
  }

  /** Tile every earlier draw `size` times along axis 0 before an enumerated latent joins. */
  private tile(size: number): void {
    for (const [id, site] of this.sites) {
      const tiled: GuideSite = { ...site, value: tileAxis0(site.value, size, this.samples), logQ: tileTensor(site.logQ, size, this.samples) };
      this.sites.set(id, tiled);
      this.scope.bind(id, tiled.value);
    }
    this.scope.forgetLets();
    this.combinations *= size;
    this.samples *= size;
  }

  /** Enumerate a scalar discrete latent: value k at axis-0 index k·S + s; log q of each value. */
  enumerate(latent: LatentNode, dist: Distribution): void {
    const support = dist.enumerateSupport(false); // [K, 1, …]
    const size = support.shape[0]!;
    const previous = this.samples;
    this.tile(size);
    const values = broadcastTo(tf.range(0, size, 1, 'float32').reshape([size, 1]), [size, previous]).reshape([size * previous, 1]);
    // log q of every value against q's batch [S or 1, B or 1]: [K, S or 1, B or 1] → [K·S, B or 1].
    const logQ = dist.logProb(tf.range(0, size, 1, 'float32').reshape([size, 1, 1]));
    const rows = logQ.shape[2]!;
    const logQFull = broadcastTo(logQ, [size, previous, rows]).reshape([size * previous, rows]);
    this.add({ latent: latent.id, value: { t: values, rowRank: 0 }, logQ: logQFull, estimator: 'enumerate' });
  }

  /**
   * A pathwise or score-function draw of S values from q, whose batch is [S or 1, B or 1,
   * ...batchShape or 1s]: expanded first to one independent draw per sample, per row (for a local
   * latent, even when q's arguments are shared by all rows) and per batch element.
   */
  draw(latent: LatentNode, dist: Distribution, rng: Rng, logProb: (value: RowValue) => tf.Tensor, batch: { rows: number; shape: readonly number[] }, qDist?: Distribution): void {
    const estimator: Estimator = dist.hasRsample ? 'pathwise' : 'score';
    const target = [this.samples, latent.locality === 'local' ? batch.rows : 1, ...batch.shape];
    const full = tf.util.arraysEqual(dist.batchShape, target) ? dist : dist.expand(target);
    // Score-function draws are copied off the tape: comparisons inside samplers have no gradient.
    const t = estimator === 'pathwise' ? full.rsample(rng) : materialize(full.sample(rng));
    const value: RowValue = { t, rowRank: latent.type.shape.length };
    this.add({ latent: latent.id, value, logQ: logProb(value), dist: qDist ?? dist, estimator });
  }
}

function materialize(t: tf.Tensor): tf.Tensor {
  return tf.tensor(t.dataSync(), t.shape, t.dtype);
}

function tileAxis0(v: RowValue, size: number, samples: number): RowValue {
  return { t: tileTensor(v.t, size, samples), rowRank: v.rowRank };
}

/** Repeat axis 0 (of length 1 or `samples`) `size` times: [size·samples, …]. */
export function tileTensor(t: tf.Tensor, size: number, samples: number): tf.Tensor {
  const rest = t.shape.slice(1);
  return broadcastTo(t, [size, samples, ...rest]).reshape([size * samples, ...rest]);
}
