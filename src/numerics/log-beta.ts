/**
 * log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b), the log of the beta function.
 */
import * as tf from '@tensorflow/tfjs';
import { broadcastPair } from './broadcast-pair.js';
import { HALF_LOG_TWO_PI } from './constants.js';
import { digamma } from './digamma.js';
import type { CustomGradFunction } from './elementwise-op.js';
import { lgamma } from './lgamma.js';
import { log1p } from './log1p.js';
import { STIRLING_MIN, stirlingCorrection, stirlingCorrectionDerivativeGap } from './stirling-correction.js';

/** The value, by the branch that avoids cancellation (see `logBeta`). */
function logBetaValue(x: tf.Tensor, y: tf.Tensor): tf.Tensor {
  const small = tf.minimum(x, y);
  const large = tf.maximum(x, y);

  // Each branch sees clamped arguments, so the unselected ones stay finite. The four log-gammas
  // are evaluated as one stacked call: lgamma is ~160 kernels whatever the tensor size.
  const xs = tf.minimum(x, STIRLING_MIN);
  const ys = tf.minimum(y, STIRLING_MIN);
  const sm = tf.minimum(small, STIRLING_MIN);
  const [lgammaX, lgammaY, lgammaSum, lgammaSmall] = tf.unstack(lgamma(tf.stack([xs, ys, xs.add(ys), sm])));
  const bothSmall = lgammaX!.add(lgammaY!).sub(lgammaSum!);

  const lg = tf.maximum(large, STIRLING_MIN);
  const sum = lg.add(sm);
  const mixed = lgammaSmall!
    .sub(lg.sub(0.5).mul(log1p(sm.div(lg))))
    .sub(sm.mul(tf.log(sum)))
    .add(sm)
    .add(stirlingCorrection(lg))
    .sub(stirlingCorrection(sum));

  const xl = tf.maximum(x, STIRLING_MIN);
  const yl = tf.maximum(y, STIRLING_MIN);
  const s = xl.add(yl);
  const bothLarge = tf
    .scalar(HALF_LOG_TWO_PI)
    .sub(tf.log(s).mul(0.5))
    .sub(xl.sub(0.5).mul(log1p(yl.div(xl))))
    .sub(yl.sub(0.5).mul(log1p(xl.div(yl))))
    .add(stirlingCorrection(xl))
    .add(stirlingCorrection(yl))
    .sub(stirlingCorrection(s));

  const value = tf.where(large.less(STIRLING_MIN), bothSmall, tf.where(small.less(STIRLING_MIN), mixed, bothLarge));
  return tf.where(small.greater(0), value, tf.fill(value.shape, NaN));
}

/**
 * ∂/∂u log B(u, v) = ψ(u) − ψ(u + v), given those digammas. For u ≥ 4 it is taken from Stirling's form,
 * −log1p(v/u) − (v/u)/(2s) + [δ′(u) − δ′(s)] with s = u + v and the bracket summed without
 * cancellation: unlike the two digammas it keeps relative accuracy for v ≪ u, and unlike autodiff
 * through (u − ½)·log1p(v/u) it cannot overflow.
 */
function partial(u: tf.Tensor, v: tf.Tensor, digammaU: tf.Tensor, digammaSum: tf.Tensor): tf.Tensor {
  const uBig = tf.maximum(u, STIRLING_MIN);
  const sBig = uBig.add(v);
  const ratio = v.div(uBig);
  const stirling = stirlingCorrectionDerivativeGap(uBig, v).sub(log1p(ratio).add(ratio.div(sBig.mul(2))));
  return tf.where(u.less(STIRLING_MIN), digammaU.sub(digammaSum), stirling);
}

const logBetaOp = tf.customGrad(((x: tf.Tensor, y: tf.Tensor, save: tf.GradSaveFunc) => {
  save([x, y]);
  return {
    value: tf.tidy(() => logBetaValue(x, y)),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, ys] = saved as [tf.Tensor, tf.Tensor];
      const [psiX, psiY, psiSum] = tf.unstack(digamma(tf.stack([xs, ys, xs.add(ys)])));
      return [dy.mul(partial(xs, ys, psiX!, psiSum!)), dy.mul(partial(ys, xs, psiY!, psiSum!))];
    },
  };
}) as CustomGradFunction);

/**
 * log B(a, b) elementwise for a, b > 0 (NaN otherwise), broadcasting a against b; differentiable
 * with ∂/∂a = ψ(a) − ψ(a + b).
 *
 * Method: with s = a + b and δ the Stirling remainder,
 * - both < 4: log Γ(a) + log Γ(b) − log Γ(s) directly (all terms are small);
 * - one (S) < 4 ≤ the other (L): log Γ(S) − (L − ½) log1p(S/L) − S log s + S + δ(L) − δ(s);
 * - both ≥ 4: ½ log 2π − ½ log s − (a − ½) log1p(b/a) − (b − ½) log1p(a/b) + δ(a) + δ(b) − δ(s).
 * The last two forms are Stirling's formula with the large, cancelling terms removed analytically,
 * so log B(10⁶, ½) keeps float32 relative accuracy instead of losing everything to log Γ(10⁶) ≈ 1.3e7.
 *
 * @example logBeta(tf.scalar(2), tf.scalar(3)) // log(1/12) ≈ −2.4849
 */
export function logBeta(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  return tf.tidy(() => logBetaOp(...broadcastPair('logBeta', ['a', 'b'], a, b)));
}
