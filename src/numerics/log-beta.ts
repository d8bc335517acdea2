/**
 * log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b), the log of the beta function.
 */
import * as tf from '@tensorflow/tfjs';
import { broadcastPair } from './broadcast-pair.js';
import { HALF_LOG_TWO_PI } from './constants.js';
import { lgamma } from './lgamma.js';
import { log1p } from './log1p.js';
import { STIRLING_MIN, stirlingCorrection } from './stirling-correction.js';

/**
 * log B(a, b) elementwise for a, b > 0 (NaN otherwise), broadcasting a against b.
 * Gradients ∂/∂a = ψ(a) − ψ(a + b) come from differentiating the branch used, which keeps them
 * accurate where the digamma difference itself would cancel.
 *
 * Method: with s = a + b and δ the Stirling remainder,
 * - both < 8: log Γ(a) + log Γ(b) − log Γ(s) directly (all terms are small);
 * - one (S) < 8 ≤ the other (L): log Γ(S) − (L − ½) log1p(S/L) − S log s + S + δ(L) − δ(s);
 * - both ≥ 8: ½ log 2π − ½ log s − (a − ½) log1p(b/a) − (b − ½) log1p(a/b) + δ(a) + δ(b) − δ(s).
 * The last two forms are Stirling's formula with the large, cancelling terms removed analytically,
 * so log B(10⁶, ½) keeps float32 relative accuracy instead of losing everything to log Γ(10⁶) ≈ 1.3e7.
 *
 * @example logBeta(tf.scalar(2), tf.scalar(3)) // log(1/12) ≈ −2.4849
 */
export function logBeta(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const [x, y] = broadcastPair('logBeta', a, b);
    const small = tf.minimum(x, y);
    const large = tf.maximum(x, y);

    // Every branch sees clamped arguments, so unselected branches stay finite and pass zero gradient.
    const xs = tf.minimum(x, STIRLING_MIN);
    const ys = tf.minimum(y, STIRLING_MIN);
    const bothSmall = lgamma(xs).add(lgamma(ys)).sub(lgamma(xs.add(ys)));

    const sm = tf.minimum(small, STIRLING_MIN);
    const lg = tf.maximum(large, STIRLING_MIN);
    const sum = lg.add(sm);
    const mixed = lgamma(sm)
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

    // Branch masks use greaterEqual only: it is the one comparison tfjs can differentiate through.
    const value = tf.where(
      large.greaterEqual(STIRLING_MIN),
      tf.where(small.greaterEqual(STIRLING_MIN), bothLarge, mixed),
      bothSmall,
    );
    return tf.where(tf.scalar(0).greaterEqual(small), tf.fill(value.shape, NaN), value);
  });
}
