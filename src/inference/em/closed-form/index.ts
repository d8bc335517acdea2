/**
 * Closed-form M-steps for mixtures: recognizers that read a factor of the IR and return the
 * exact maximizer of E_q[log p(x, c | θ)] for the parameters it owns.
 */
import { bernoulliMeans } from './bernoulli-means.js';
import { gaussianDiagonal } from './gaussian-diagonal.js';
import { gaussianFull } from './gaussian-full.js';
import { mixtureWeights } from './mixture-weights.js';
import type { Recognizer } from './update.js';

export type { ClosedFormUpdate, InitContext, MixtureContext, Recognizer } from './update.js';

export const MIXTURE_RECOGNIZERS: readonly Recognizer[] = [mixtureWeights, gaussianFull, gaussianDiagonal, bernoulliMeans];
