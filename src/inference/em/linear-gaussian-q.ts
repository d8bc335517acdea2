/**
 * Q(θ) for the generalized M-step of a linear-Gaussian model whose parameters match no closed
 * form: with q(z_n) = N(e_n, Σ_q) from the exact E-step held fixed, and the observation
 * x | z ~ N(A z + b, diag ψ) read off the graph differentiably (the mean at z = 0 and z = e_k),
 *
 *   E_q[log N(x_n | A z + b, ψ)] = Σ_d −½ log 2πψ_d − [(x_nd − (A e_n + b)_d)² + (A Σ_q Aᵀ)_dd] / 2ψ_d,
 *   E_q[log N(z_n | m₀, s₀²)]    = Σ_k −½ log 2πs²₀k − [(e_nk − m₀k)² + Σ_q,kk] / 2s²₀k,
 *
 * summed over rows, plus log p(θ). Exact expectations: no Monte Carlo.
 */
import * as tf from '@tensorflow/tfjs';
import { ExecScope } from '../exec/exec-scope.js';
import { factorArguments } from '../exec/factor.js';
import type { ParamStore } from '../params/param-store.js';
import type { ModelParts } from '../trace.js';
import type { ExpectedLogJoint } from './gradient-m-step.js';
import type { GaussianPosterior, LinearGaussianStructure } from './linear-gaussian.js';
import { paramLogPrior, paramPriors } from './param-prior.js';

const LOG_2PI = Math.log(2 * Math.PI);

/** Q(θ) at the posterior `post`; `x` is the observed column [N, D]. The caller disposes the returned tensors via `dispose`. */
export function linearGaussianQ(parts: ModelParts, s: LinearGaussianStructure, store: ParamStore, post: GaussianPosterior, x: tf.Tensor2D): ExpectedLogJoint & { dispose(): void } {
  const { k, d } = s;
  const n = x.shape[0];
  // E[z_n] = m₀ + G (x_n − c), computed once per E-step.
  const [means, cov, points] = tf.tidy(() => {
    const gainT = tf.tensor(Float32Array.from(post.gain.v), [k, d]).transpose();
    const m0 = priorLoc(parts, s, store);
    const e = x.sub(tf.tensor(Float32Array.from(post.center), [1, d])).matMul(gainT).add(m0);
    const probe = tf.concat([tf.zeros([1, k]), tf.eye(k)]);
    return [e, tf.tensor(Float32Array.from(post.cov.v), [k, k]), s.latent.type.shape.length === 0 ? probe.reshape([k + 1, 1]) : probe.reshape([k + 1, 1, k])];
  });
  const priors = paramPriors(parts);
  const q = (): tf.Scalar => {
    const scope = new ExecScope(2, parts.lets, (id) => store.net(id));
    for (const p of parts.params) scope.bind(p.id, store.globalValue(p.id, 2));
    scope.bind(s.latent.id, { t: points, rowRank: s.latent.type.shape.length });
    const obs = factorArguments(s.observed, scope);
    const loc = obs.loc!.broadcastTo([k + 1, 1, d]).reshape([k + 1, d]);
    const b = loc.slice([0, 0], [1, d]);
    const aT = loc.slice([1, 0], [k, d]).sub(b); // Aᵀ [K, D]
    const variance = obs.scale!.reshape([-1]).broadcastTo([d]).square();
    const residual = x.sub(means.matMul(aT).add(b)).square().sum(0); // Σ_n (x − A e − b)² [D]
    const spread = aT.mul(cov.matMul(aT)).sum(0); // diag(A Σ_q Aᵀ) [D]
    const qx = variance.log().add(LOG_2PI).mul(-0.5 * n).sub(residual.add(spread.mul(n)).div(variance.mul(2))).sum();
    const prior = factorArguments(s.prior, scope);
    const m0 = prior.loc!.reshape([-1]).broadcastTo([k]);
    const s2 = prior.scale!.reshape([-1]).broadcastTo([k]).square();
    const deviation = means.sub(m0).square().sum(0).add(cov.mul(tf.eye(k)).sum(0).mul(n));
    const qz = s2.log().add(LOG_2PI).mul(-0.5 * n).sub(deviation.div(s2.mul(2))).sum();
    return tf.addN([qx, qz, paramLogPrior(priors, scope)]) as tf.Scalar;
  };
  return {
    value() {
      const v = tf.tidy(q);
      const out = v.dataSync()[0]!;
      v.dispose();
      return out;
    },
    valueAndGrads(variables) {
      const { value, grads } = tf.variableGrads(q, variables);
      const out = value.dataSync()[0]!;
      value.dispose();
      return { value: out, grads };
    },
    dispose() {
      tf.dispose([means, cov, points]);
    },
  };
}

/** The prior mean m₀ as [1, K]. */
function priorLoc(parts: ModelParts, s: LinearGaussianStructure, store: ParamStore): tf.Tensor {
  const scope = new ExecScope(2, parts.lets, (id) => store.net(id));
  for (const p of parts.params) scope.bind(p.id, store.globalValue(p.id, 2));
  return factorArguments(s.prior, scope).loc!.reshape([1, -1]).broadcastTo([1, s.k]);
}
