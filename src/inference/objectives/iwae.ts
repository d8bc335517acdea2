/**
 * The importance-weighted bound (Burda, Grosse & Salakhutdinov 2016):
 *
 *   L_k = E[ log 1/k Σ_{i=1..k} p(x, z_i) / q(z_i | x) ],   z_i ~ q
 *
 * L_1 is the ELBO, L_k ≤ L_{k+1} ≤ log p(x), and L_k → log p(x) as k → ∞. With only local latents
 * the bound factorizes over rows (one log-mean-exp per row, scaled by N/B); with global latents the
 * weights are over the joint draw of everything. Score-function sites use the VIMCO control variate
 * (Mnih & Rezende 2016): sample i's signal is L̂ minus L̂ with w_i replaced by the geometric mean of
 * the other weights.
 */
import * as tf from '@tensorflow/tfjs';
import { detach } from '../../distributions/ops.js';
import { logSumExp } from '../../numerics/index.js';
import type { Objective, ObjectiveValue } from './objective.js';
import { hasGlobalLatents, logWeights, type Terms } from './terms.js';

export function iwae(k: number): Objective {
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`iwae(k) needs a whole number k ≥ 1, got ${k}`);
  return {
    name: `iwae(${k})`,
    samplesPerRow: k,
    needsAggregate: false,
    enumeration: 'marginalize',
    stickTheLanding: false,
    analyticKL: false,
    evaluate(terms: Terms): ObjectiveValue {
      return tf.tidy(() => {
        const { value, perDraw } = importanceWeightedBound(terms);
        const score = vimcoSurrogate(terms, perDraw, hasGlobalLatents(terms));
        return { loss: value.add(score).neg() as tf.Scalar, value };
      });
    },
    state: () => ({}),
    load: () => undefined,
  };
}

/**
 * L_k over the whole data set, and the log weights it was computed from: per draw and row ([S, B])
 * when the weights factor over rows, per draw ([S, 1]) otherwise.
 */
export function importanceWeightedBound(terms: Terms): { value: tf.Scalar; perDraw: tf.Tensor } {
  const { local, global } = logWeights(terms);
  const logK = Math.log(terms.samples);
  if (hasGlobalLatents(terms)) {
    const joint = local.sum(1).mul(terms.localScale).add(global).reshape([-1, 1]);
    return { value: logSumExp(joint, 0).sub(logK).sum() as tf.Scalar, perDraw: joint };
  }
  // No global latents: `global` holds parameter priors only, identical across draws.
  const perRow = logSumExp(local, 0).sub(logK);
  const value = perRow.sum().mul(terms.localScale).add(global.mean()) as tf.Scalar;
  return { value, perDraw: local };
}

function vimcoSurrogate(terms: Terms, logW: tf.Tensor, joint: boolean): tf.Scalar {
  const scoreSites = terms.sites.filter((s) => s.score && s.logQ);
  if (scoreSites.length === 0) return tf.scalar(0);
  const k = logW.shape[0];
  if (k < 2) throw new Error('the VIMCO control variate needs k ≥ 2 samples; use iwae(k) with k ≥ 2 or the elbo');
  const logK = Math.log(k);
  const full = logSumExp(logW, 0).sub(logK); // [cols]
  // Replace w_i by the geometric mean of the others: log w_{-i} = (Σ_j log w_j − log w_i) / (k − 1).
  const others = logW.sum(0, true).sub(logW).div(k - 1);
  const lseWithout = tf.stack(
    Array.from({ length: k }, (_, i) => {
      const replaced = tf.concat([logW.slice([0, 0], [i, -1]), others.slice([i, 0], [1, -1]), logW.slice([i + 1, 0], [k - i - 1, -1])], 0);
      return logSumExp(replaced, 0);
    }),
  ).sub(logK); // [k, cols]
  const signal = detach(full.expandDims(0).sub(lseWithout));
  const parts = scoreSites.map((site) => {
    // A joint weight pairs with the draw's whole log q; a per-row weight with the row's own.
    const logQ = joint ? site.logQ!.sum(1, true) : site.logQ!;
    const scale = site.local ? terms.localScale : 1;
    return signal.mul(logQ).sum().mul(scale) as tf.Scalar;
  });
  return tf.addN(parts) as tf.Scalar;
}
