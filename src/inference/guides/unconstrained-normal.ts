/**
 * The site every automatic continuous guide is made of: a Normal in unconstrained space pushed
 * through the latent's support transform T (ADVI, Kucukelbir et al. 2017):
 *
 *   u = loc + scale · ε,  ε ~ N(0, I),  z = T(u),
 *   log q(z) = Σ log N(u; loc, scale) − log |det ∂T/∂u|.
 *
 * The density is evaluated at u(ε) as a function of (loc, scale) with ε fixed, which is exactly
 * the reparameterized log q whose gradient the pathwise ELBO needs.
 */
import * as tf from '@tensorflow/tfjs';
import { IdentityTransform, Independent, Normal, type Distribution } from '../../distributions/index.js';
import type { LatentNode } from '../../graph/ir.js';
import { detach } from '../../distributions/ops.js';
import type { Rng } from '../../runtime/rng.js';
import type { UnconstrainedLayout } from '../params/constrained-param.js';
import type { GuideSite } from './guide.js';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * Draw S values for one latent from loc/scale of shape [1 or S, B or 1, ...unconstrainedShape].
 * `priorEventRank` is the event rank of the latent's prior factor, so that the returned q
 * distribution lines up with the prior for analytic KL.
 */
export function unconstrainedNormalSite(
  latent: LatentNode,
  layout: UnconstrainedLayout,
  loc: tf.Tensor,
  scale: tf.Tensor,
  samples: number,
  rng: Rng,
  priorEventRank: number,
  stickTheLanding: boolean,
): GuideSite {
  const rowsAxis = loc.shape[1]!;
  const eps = rng.normal([samples, rowsAxis, ...layout.unconstrainedShape]);
  const u = loc.add(scale.mul(eps));
  const z = layout.transform.forward(u);
  // log N(u; loc, scale) at u = loc + scale·ε is −½ε² − log scale − ½ log 2π; with the landing
  // stuck, the standardized residual is recomputed from u against fixed loc and scale.
  const [m, sd] = stickTheLanding ? [detach(loc), detach(scale)] : [loc, scale];
  const standardized = stickTheLanding ? u.sub(m).div(sd) : eps;
  const normalPart = sumFrom(standardized.square().mul(-0.5).sub(sd.log()).sub(HALF_LOG_2PI), 2);
  const identity = layout.transform instanceof IdentityTransform;
  const logQ = identity ? normalPart : normalPart.sub(sumFrom(layout.transform.logAbsDetJacobian(u, z), 2));
  let dist: Distribution | undefined;
  if (identity) {
    const normal = new Normal(loc, scale, { validateArgs: false });
    dist = priorEventRank > 0 ? new Independent(normal, priorEventRank) : normal;
  }
  return { latent: latent.id, value: { t: z, rowRank: latent.type.shape.length }, logQ, dist, estimator: 'pathwise' };
}

/** Sum over every axis from `from` on (a tensor of rank `from` is returned as is). */
export function sumFrom(t: tf.Tensor, from: number): tf.Tensor {
  if (t.rank <= from) return t;
  return t.sum(Array.from({ length: t.rank - from }, (_, i) => from + i));
}

/** softplus⁻¹(y) = log(exp(y) − 1): the raw value whose softplus is the initial scale. */
export function inverseSoftplus(y: number): number {
  return y > 20 ? y : Math.log(Math.expm1(y));
}
