/**
 * Binarization of intensities in [0, 1] for `binary` data (e.g. MNIST pixels):
 *   fixed:   x = 1 if intensity > threshold else 0, once at load time;
 *   dynamic: x ~ Bernoulli(intensity), drawn afresh for every minibatch from a seeded Rng
 *            (the loader keeps the intensities; `batches` or the training loop calls `dynamicBinarize`).
 */
import type { Rng } from '../runtime/rng.js';

export type Binarize = 'none' | 'dynamic' | { readonly threshold: number };

/** Throws a RangeError naming the problem if `binarize` is not a valid setting. */
export function checkBinarize(binarize: Binarize): void {
  if (binarize === 'none' || binarize === 'dynamic') return;
  const t = (binarize as { threshold?: unknown })?.threshold;
  if (typeof t !== 'number' || !(t >= 0 && t < 1)) {
    throw new RangeError(`binarize threshold must be a number in [0, 1) (intensity units), got ${String(t)}`);
  }
}

/** Parse a command-line value: `none`, `dynamic`, or a threshold such as `0.5`. */
export function parseBinarize(text: string): Binarize {
  if (text === 'none' || text === 'dynamic') return text;
  const threshold = /^\d*\.?\d+$/.test(text) ? Number(text) : NaN;
  const binarize = { threshold };
  if (Number.isNaN(threshold)) throw new RangeError(`--binarize expects none, dynamic or a threshold in [0, 1), got '${text}'`);
  checkBinarize(binarize);
  return binarize;
}

/**
 * One Bernoulli draw per value: out[i] = 1 with probability intensities[i], else 0. Each draw
 * uses one 32-bit word w of `rng`: out[i] = [(w + ½)/2³² < p], exact to 2⁻³² (finer than the
 * float32 intensity itself) at half the cost of a 53-bit uniform. Writes into `out` when given.
 */
export function dynamicBinarize(intensities: Float32Array, rng: Rng, out: Float32Array = new Float32Array(intensities.length)): Float32Array {
  if (out.length !== intensities.length) throw new RangeError(`dynamicBinarize: out has ${out.length} values, intensities ${intensities.length}`);
  for (let i = 0; i < intensities.length; i++) out[i] = rng.nextUint32() + 0.5 < intensities[i]! * TWO_POW_32 ? 1 : 0;
  return out;
}

const TWO_POW_32 = 4294967296;
