/**
 * Analytic KL divergences for Gamma-type and simplex families (ψ is the digamma function):
 *   Gamma(αp, βp) ‖ Gamma(αq, βq) = (αp − αq)ψ(αp) − lgamma αp + lgamma αq + αq log(βp/βq) + αp(βq − βp)/βp
 *   (Exponential(λ) is Gamma(1, λ), which covers Exponential ‖ Exponential, Gamma and back)
 *   Beta(a, b) ‖ Beta(c, d) = log B(c, d) − log B(a, b) + (a − c)ψ(a) + (b − d)ψ(b) + (c − a + d − b)ψ(a + b)
 *   Dirichlet(α) ‖ Dirichlet(β) = lgamma α₀ − Σ lgamma α_i − lgamma β₀ + Σ lgamma β_i + Σ (α_i − β_i)(ψ(α_i) − ψ(α₀))
 */
import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '@tensorflow/tfjs';
import { digamma, lgamma, logBeta } from '../../numerics/index.js';
import { Beta } from '../families/beta.js';
import { Dirichlet } from '../families/dirichlet.js';
import { Exponential } from '../families/exponential.js';
import { Gamma } from '../families/gamma.js';
import { registerKL } from './registry.js';

function gammaKL(aP: Tensor, bP: Tensor, aQ: Tensor, bQ: Tensor): Tensor {
  return tf.tidy(() => {
    const t1 = tf.sub(tf.mul(tf.sub(aP, aQ), digamma(aP)), lgamma(aP));
    const t2 = tf.add(lgamma(aQ), tf.mul(aQ, tf.sub(tf.log(bP), tf.log(bQ))));
    const t3 = tf.mul(aP, tf.div(tf.sub(bQ, bP), bP));
    return tf.add(tf.add(t1, t2), t3);
  });
}

const one = () => tf.scalar(1);

registerKL(Gamma, Gamma, (p, q) => gammaKL(p.concentration, p.rate, q.concentration, q.rate));
registerKL(Exponential, Exponential, (p, q) =>
  tf.tidy(() => {
    const ratio = tf.div(q.rate, p.rate);
    return tf.sub(tf.sub(ratio, tf.log(ratio)), 1);
  }),
);
registerKL(Exponential, Gamma, (p, q) => tf.tidy(() => gammaKL(one(), p.rate, q.concentration, q.rate)));
registerKL(Gamma, Exponential, (p, q) => tf.tidy(() => gammaKL(p.concentration, p.rate, one(), q.rate)));

registerKL(Beta, Beta, (p, q) =>
  tf.tidy(() => {
    const [a, b, c, d] = [p.concentration1, p.concentration0, q.concentration1, q.concentration0];
    const t1 = tf.sub(logBeta(c, d), logBeta(a, b));
    const t2 = tf.add(tf.mul(tf.sub(a, c), digamma(a)), tf.mul(tf.sub(b, d), digamma(b)));
    const t3 = tf.mul(tf.sub(tf.add(c, d), tf.add(a, b)), digamma(tf.add(a, b)));
    return tf.add(tf.add(t1, t2), t3);
  }),
);

registerKL(Dirichlet, Dirichlet, (p, q) =>
  tf.tidy(() => {
    const a = p.concentration;
    const b = q.concentration;
    const a0 = tf.sum(a, -1, true);
    const norm = tf.add(
      tf.sub(lgamma(tf.sum(a, -1)), tf.sum(lgamma(a), -1)),
      tf.sub(tf.sum(lgamma(b), -1), lgamma(tf.sum(b, -1))),
    );
    return tf.add(norm, tf.sum(tf.mul(tf.sub(a, b), tf.sub(digamma(a), digamma(a0))), -1));
  }),
);
