/**
 * The automatic full-rank guide: one multivariate Normal over all continuous global latents
 * jointly, in unconstrained space, with a learned Cholesky factor L (covariance L Lᵀ: the S Sᵀ of
 * the lecture notes), so posterior correlations between global latents are captured:
 *
 *   u = loc + L ε,  ε ~ N(0, I_D),  z_i = T_i(u_i),
 *   log q(z) = Σ log N(ε; 0, 1) − Σ log L_dd − Σ_i log |det ∂T_i/∂u_i|.
 *
 * Local latents (one per row) stay mean-field: a D×D factor per row would be quadratic in N.
 */
import * as tf from '@tensorflow/tfjs';
import { IdentityTransform } from '../../distributions/index.js';
import type { ModelGraph } from '../../graph/ir.js';
import { detach } from '../../distributions/ops.js';
import { softplus, triangularSolve } from '../../numerics/index.js';
import { layoutOf } from '../params/constrained-param.js';
import type { ParamStore } from '../params/param-store.js';
import { tileTensor } from './draws.js';
import { autoGuide, rawLayout, type AutoGuideConfig } from './auto-guide.js';
import type { Guide, GuideInput, GuideSite, SitePlan } from './guide.js';
import { latentsOf } from './latent-info.js';
import { inverseSoftplus, sumFrom } from './unconstrained-normal.js';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

export function fullRankGuide(name: string, graph: ModelGraph, store: ParamStore, config: AutoGuideConfig = {}): Guide {
  const joint = latentsOf(graph).filter((l) => l.node.locality === 'global' && l.supportSize === undefined);
  const jointIds = new Set(joint.map((l) => l.node.id));
  const rest = autoGuide(name, 'meanfield', graph, store, { ...config, only: (l) => !jointIds.has(l.node.id) });
  const layouts = joint.map((l) => layoutOf(l.node.type));
  const sizes = layouts.map((l) => l.unconstrainedShape.reduce((a, b) => a * b, 1));
  const d = sizes.reduce((a, b) => a + b, 0);
  const locId = `${name}/joint/loc`;
  const trilId = `${name}/joint/scale_tril`;
  if (d > 0) {
    store.addGlobal(locId, rawLayout([d]), tf.zeros([d]));
    // Raw factor: strictly lower part as is, diagonal through softplus (kept positive).
    store.addGlobal(trilId, rawLayout([d, d]), tf.tidy(() => tf.eye(d).mul(inverseSoftplus(config.initScale ?? 0.1))));
  }

  return {
    name,
    kind: 'fullrank',
    owns: (id) => rest.owns(id) || id === locId || id === trilId,
    // The joint draw couples the global latents with each other.
    ancestors: (latent) => (joint.some((l) => l.node.id === latent) ? joint.map((l) => l.node.id).filter((id) => id !== latent) : []),
    sample(input: GuideInput): Map<string, GuideSite> {
      const sites = rest.sample(input);
      if (d === 0) return sites;
      const s = input.samples;
      const raw = store.variable(trilId);
      // Masks rather than bandPart/diag, which have no gradients in tfjs.
      const eye = tf.eye(d);
      const diag = softplus(raw.mul(eye).sum(1));
      const lower = raw.mul(strictlyLower(d)).add(eye.mul(diag));
      const eps = input.rng.normal([s, d]);
      const u = store.variable(locId).add(tf.matMul(eps, lower.transpose()));
      let logQ: tf.Tensor;
      if (input.stickTheLanding) {
        // log N(u; loc, L L') with loc and L held fixed: solve L r = u − loc for the residual.
        const fixedL = detach(lower);
        const residual = triangularSolve(fixedL, u.sub(detach(store.variable(locId))).transpose(), { lower: true });
        logQ = residual.square().sum(0).mul(-0.5).sub(d * HALF_LOG_2PI).sub(detach(diag).log().sum());
      } else {
        logQ = eps.square().mul(-0.5).sub(HALF_LOG_2PI).sum(1).sub(diag.log().sum());
      }
      let offset = 0;
      const draws = joint.map((info, i) => {
        const ui = u.slice([0, offset], [s, sizes[i]]).reshape([s, 1, ...layouts[i].unconstrainedShape]);
        offset += sizes[i];
        const z = layouts[i].transform.forward(ui);
        if (!(layouts[i].transform instanceof IdentityTransform)) {
          logQ = logQ.sub(sumFrom(layouts[i].transform.logAbsDetJacobian(ui, z), 2).reshape([s]));
        }
        return { info, z };
      });
      // Enumerated discrete latents in `rest` multiplied axis 0; the joint draws repeat alongside.
      const combos = Math.max(1, ...[...sites.values()].map((site) => site.logQ.shape[0] / s));
      // The joint log-density is attributed to the first latent; the others carry zero.
      draws.forEach(({ info, z }, i) => {
        const site: GuideSite = {
          latent: info.node.id,
          value: { t: tileTensor(z, combos, s), rowRank: info.node.type.shape.length },
          logQ: tileTensor(i === 0 ? logQ.reshape([s, 1]) : tf.zeros([s, 1]), combos, s),
          estimator: 'pathwise',
        };
        sites.set(info.node.id, site);
      });
      return sites;
    },
    plan(): SitePlan[] {
      const names = joint.map((l) => l.node.name).join(', ');
      const jointPlan = joint.map((l): SitePlan => ({
        latent: l.node.name,
        q: `MultivariateNormal over (${names}), ${d}-dimensional, unconstrained`,
        estimator: 'pathwise',
        reason: 'reparameterized: u = loc + L·ε',
      }));
      return [...jointPlan, ...rest.plan()];
    },
  };
}

function strictlyLower(d: number): tf.Tensor {
  return tf.tensor2d(Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (j < i ? 1 : 0))));
}
