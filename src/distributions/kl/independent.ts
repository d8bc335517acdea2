/**
 * KL between Independent wrappers with the same number of reinterpreted dims: the base KL summed
 * over those dims. Other pairs have no closed form here.
 */
import * as tf from '@tensorflow/tfjs';
import { Independent } from '../families/independent.js';
import { sumRightmost } from '../ops.js';
import { klDivergence, NoClosedFormKLError, registerKL } from './registry.js';

registerKL(Independent, Independent, (p, q) => {
  if (p.reinterpreted !== q.reinterpreted) throw new NoClosedFormKLError(p, q);
  return tf.tidy(() => sumRightmost(klDivergence(p.base, q.base), p.reinterpreted));
});
