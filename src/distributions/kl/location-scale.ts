/**
 * Analytic KL divergences between location-scale families (and their exp-transforms).
 *   Normal:    log(σq/σp) + (σp² + (μp − μq)²)/(2σq²) − ½   (also LogNormal, HalfNormal with μ = 0)
 *   Laplace:   log(bq/bp) + |μp − μq|/bq + (bp/bq) exp(−|μp − μq|/bp) − 1
 *   Uniform:   log((hq − lq)/(hp − lp)) when [lp, hp] ⊆ [lq, hq], else ∞
 */
import * as tf from '@tensorflow/tfjs';
import { HalfNormal } from '../families/half-normal.js';
import { Laplace } from '../families/laplace.js';
import { LogNormal } from '../families/log-normal.js';
import { Normal } from '../families/normal.js';
import { Uniform } from '../families/uniform.js';
import { gaussianKL } from './gaussian-kl.js';
import { registerKL } from './registry.js';

registerKL(Normal, Normal, (p, q) => gaussianKL(p.loc, p.scale, q.loc, q.scale));
registerKL(LogNormal, LogNormal, (p, q) => gaussianKL(p.loc, p.scale, q.loc, q.scale));
registerKL(HalfNormal, HalfNormal, (p, q) => gaussianKL(0, p.scale, 0, q.scale));

registerKL(Laplace, Laplace, (p, q) =>
  tf.tidy(() => {
    const gap = tf.abs(tf.sub(p.loc, q.loc));
    const ratio = tf.div(p.scale, q.scale);
    return tf.sub(tf.add(tf.add(tf.neg(tf.log(ratio)), tf.div(gap, q.scale)), tf.mul(ratio, tf.exp(tf.neg(tf.div(gap, p.scale))))), 1);
  }),
);

registerKL(Uniform, Uniform, (p, q) =>
  tf.tidy(() => {
    const kl = tf.log(tf.div(tf.sub(q.high, q.low), tf.sub(p.high, p.low)));
    const inside = tf.logicalAnd(tf.lessEqual(q.low, p.low), tf.greaterEqual(q.high, p.high));
    return tf.where(inside, kl, tf.fill(kl.shape, Infinity));
  }),
);
