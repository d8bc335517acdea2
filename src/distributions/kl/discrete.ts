/**
 * Analytic KL divergences for discrete families.
 *   Finite supports (Bernoulli, Categorical): Σ_k p(k) (log p(k) − log q(k)), with 0 · log 0 = 0.
 *   Poisson(λp) ‖ Poisson(λq) = λp log(λp/λq) − λp + λq.
 */
import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '@tensorflow/tfjs';
import { Bernoulli } from '../families/bernoulli.js';
import { Categorical } from '../families/categorical.js';
import { Poisson } from '../families/poisson.js';
import { xlogy } from '../ops.js';
import { registerKL } from './registry.js';

/** Σ_k p_k (log p_k − log q_k) over the last axis, given log-probabilities. */
function finiteKL(logP: Tensor, logQ: Tensor): Tensor {
  return tf.tidy(() => {
    const p = tf.exp(logP);
    const terms = tf.where(tf.equal(p, 0), tf.zerosLike(p), tf.mul(p, tf.sub(logP, logQ)));
    return tf.sum(terms, -1);
  });
}

/** log p(0), log p(1) stacked on a new last axis. */
function bernoulliLogProbs(d: Bernoulli): Tensor {
  return tf.tidy(() => {
    const values = d.enumerateSupport();
    return tf.stack(tf.unstack(d.logProb(values)), -1);
  });
}

registerKL(Bernoulli, Bernoulli, (p, q) => tf.tidy(() => finiteKL(bernoulliLogProbs(p), bernoulliLogProbs(q))));
registerKL(Categorical, Categorical, (p, q) => finiteKL(p.logProbs, q.logProbs));
registerKL(Poisson, Poisson, (p, q) =>
  tf.tidy(() => tf.add(tf.sub(xlogy(p.rate, tf.div(p.rate, q.rate)), p.rate), q.rate)),
);
