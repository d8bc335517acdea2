/**
 * Gamma variates: a host-side sampler and the implicitly reparameterized log-Gamma draw that
 * Gamma, Beta, Dirichlet and StudentT build their pathwise samplers on.
 *
 * Sampling: Marsaglia & Tsang (2000) for α ≥ 1; for α < 1 the boost G(α) = G(α + 1)·U^{1/α},
 * done in log space so draws for tiny α do not underflow.
 * Gradient: implicit reparameterization (Figurnov et al. 2018): for z = F⁻¹(u; α),
 * dz/dα = −(∂F/∂α)(z; α) / p(z; α), and d log z/dα = (dz/dα)/z, which `standardGammaLogGradAlpha`
 * computes from log z directly (draws for small α underflow even float64, their logs do not).
 */
import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '@tensorflow/tfjs';
import { standardGammaLogGradAlpha } from '../../numerics/index.js';
import type { Rng } from '../../runtime/rng.js';
import { customGrad1 } from '../ops.js';

/** log of one Gamma(α, 1) draw, α > 0. */
export function logStandardGammaDraw(alpha: number, rng: Rng): number {
  if (alpha < 1) return logStandardGammaDraw(alpha + 1, rng) + Math.log(rng.nextDouble()) / alpha;
  const d = alpha - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = rng.nextNormal();
    let v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const u = rng.nextDouble();
    // Squeeze test first (cheap), then the exact log acceptance test.
    if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
      return Math.log(d * v);
    }
  }
}

/** log Gamma(α_i, 1) draws for every α_i, in float64. */
export function logStandardGammaArray(alpha: ArrayLike<number>, rng: Rng): Float64Array {
  const out = new Float64Array(alpha.length);
  for (let i = 0; i < alpha.length; i++) out[i] = logStandardGammaDraw(alpha[i]!, rng);
  return out;
}

/**
 * log G with G ~ Gamma(α, 1) elementwise, for `alpha` already broadcast to the draw shape, with the
 * implicit-reparameterization gradient d log G / dα = (dG/dα) / G.
 */
export function rsampleLogStandardGamma(alpha: Tensor, rng: Rng): Tensor {
  const draw = customGrad1((a) => {
    const alphaHost = Float64Array.from(a.dataSync());
    const logG = logStandardGammaArray(alphaHost, rng);
    const value = tf.tensor(Float32Array.from(logG), a.shape, 'float32');
    return {
      value,
      gradFunc: (dy) => {
        const dLogG = Float32Array.from(standardGammaLogGradAlpha(alphaHost, logG));
        return tf.mul(dy, tf.tensor(dLogG, a.shape, 'float32'));
      },
    };
  });
  return draw(alpha);
}
