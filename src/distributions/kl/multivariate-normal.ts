/**
 * KL between multivariate normals with Cholesky factors Lp, Lq (Σ = L Lᵀ):
 *   KL = ½ [ ‖Lq⁻¹ Lp‖²_F + ‖Lq⁻¹ (μq − μp)‖² − D ] + Σ log diag Lq − Σ log diag Lp,
 * where ‖Lq⁻¹Lp‖²_F = tr(Σq⁻¹Σp) and the last terms are ½ log det Σq − ½ log det Σp.
 */
import * as tf from '@tensorflow/tfjs';
import { triangularSolve } from '../../numerics/index.js';
import { MultivariateNormal } from '../families/multivariate-normal.js';
import { broadcastShapes } from '../shapes.js';
import { registerKL } from './registry.js';

registerKL(MultivariateNormal, MultivariateNormal, (p, q) =>
  tf.tidy(() => {
    const d = p.eventShape[0]!;
    const batch = broadcastShapes(p.batchShape, q.batchShape)!;
    const lq = tf.broadcastTo(q.scaleTril, [...batch, d, d]);
    const lp = tf.broadcastTo(p.scaleTril, [...batch, d, d]);
    const trace = tf.sum(tf.square(triangularSolve(lq, lp, { lower: true })), [-2, -1]);
    const shift = tf.expandDims(tf.broadcastTo(tf.sub(q.loc, p.loc), [...batch, d]), -1);
    const mahalanobis = tf.sum(tf.square(triangularSolve(lq, shift, { lower: true })), [-2, -1]);
    return tf.add(tf.mul(0.5, tf.sub(tf.add(trace, mahalanobis), d)), tf.sub(q.halfLogDet(), p.halfLogDet()));
  }),
);
