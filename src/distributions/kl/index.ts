/**
 * KL divergences: the registry (`registerKL`, `klDivergence`, `tryKLDivergence`) and the built-in
 * analytic pairs, which register themselves when this module is loaded.
 */
import './location-scale.js';
import './exponential-family.js';
import './discrete.js';
import './multivariate-normal.js';
import './independent.js';

export {
  klDivergence,
  NoClosedFormKLError,
  registerKL,
  tryKLDivergence,
  type DistributionClass,
  type KLFunction,
} from './registry.js';
