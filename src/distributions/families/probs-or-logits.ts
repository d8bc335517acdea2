/**
 * The two parameterizations of Bernoulli-like families: probabilities p or logits log(p/(1 − p))
 * (log-probabilities up to a constant for Categorical). Exactly one must be given.
 */
import type { Tensor } from '@tensorflow/tfjs';
import { toFloat, type TensorLike } from '../ops.js';
import { DistributionError } from '../validation.js';

export interface ProbsOrLogits {
  readonly probs?: TensorLike;
  readonly logits?: TensorLike;
}

export type Resolved = { readonly probs: Tensor; readonly logits?: undefined } | { readonly logits: Tensor; readonly probs?: undefined };

export function resolveProbsOrLogits(family: string, args: ProbsOrLogits): Resolved {
  const hasProbs = args.probs !== undefined;
  const hasLogits = args.logits !== undefined;
  if (hasProbs === hasLogits) {
    throw new DistributionError(`${family}: give exactly one of 'probs' and 'logits', got ${hasProbs ? 'both' : 'neither'}`);
  }
  return hasProbs ? { probs: toFloat(args.probs!) } : { logits: toFloat(args.logits!) };
}
