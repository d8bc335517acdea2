/**
 * Held-out splits and random permutations, driven by an explicit seeded `Rng`.
 */
import { Rng } from '../runtime/rng.js';
import type { Dataset } from './spec.js';
import { subsetRows } from './subset.js';

/** An `Rng`, or a seed to make one from. */
export type RngOrSeed = Rng | number;

export function toRng(rngOrSeed: RngOrSeed): Rng {
  return typeof rngOrSeed === 'number' ? new Rng(rngOrSeed) : rngOrSeed;
}

/** A uniformly random permutation of 0..n−1 (Fisher–Yates: swap i with a uniform j ≤ i, from the top). */
export function permutation(n: number, rng: Rng): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.nextDouble() * (i + 1));
    const t = p[i]!;
    p[i] = p[j]!;
    p[j] = t;
  }
  return p;
}

export interface SplitOptions {
  /** The held-out share of rows, in (0, 1); round(fraction · n) rows are held out. */
  readonly fraction: number;
  readonly seed: RngOrSeed;
}

/**
 * Split rows into a training and a held-out set by a seeded random permutation: the first
 * round(fraction · n) permuted rows are held out; both parts keep the original row order.
 */
export function splitData(dataset: Dataset, options: SplitOptions): { train: Dataset; heldOut: Dataset } {
  const { fraction } = options;
  if (!(fraction > 0 && fraction < 1)) throw new RangeError(`held-out fraction must be in (0, 1), got ${fraction}`);
  const nHeld = Math.round(fraction * dataset.n);
  if (nHeld === 0 || nHeld === dataset.n) {
    throw new RangeError(`a held-out fraction of ${fraction} of ${dataset.n} rows leaves ${nHeld === 0 ? 'no held-out' : 'no training'} rows`);
  }
  const perm = permutation(dataset.n, toRng(options.seed));
  const held = perm.slice(0, nHeld).sort();
  const train = perm.slice(nHeld).sort();
  return {
    train: subsetRows(dataset, train, `${dataset.source} (training ${train.length} of ${dataset.n})`),
    heldOut: subsetRows(dataset, held, `${dataset.source} (held out ${held.length} of ${dataset.n})`),
  };
}
