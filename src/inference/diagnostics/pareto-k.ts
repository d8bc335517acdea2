/**
 * Pareto-smoothed importance sampling diagnostic k̂ (Vehtari, Simpson, Gelman, Yao & Gabry).
 *
 * The largest importance weights w = p(x, z) / q(z) are fitted with a generalized Pareto
 * distribution; its shape k estimates how heavy the tail of the weights is, which says how far
 * q is from the posterior in the direction that matters for importance sampling:
 *   k < 0.5      the variance of the weights is finite: estimates are reliable;
 *   0.5 ≤ k < 0.7  finite mean, infinite variance: usable, but convergence is slow;
 *   k ≥ 0.7      the importance-sampling estimates (and the fit) are unreliable.
 *
 * The GPD fit is the profile-likelihood / empirical-Bayes estimator of Zhang & Stephens (2009),
 * followed by the weakly informative shrinkage of k toward 0.5 used in the PSIS paper.
 * Runs on the host in float64: it sees at most a few thousand numbers once per fit.
 */

export interface ParetoKResult {
  readonly k: number;
  /** The number of largest weights the tail fit used. */
  readonly tailSize: number;
  readonly verdict: 'good' | 'ok' | 'bad' | 'very bad';
  /** One sentence for people. */
  readonly message: string;
}

/** Fit k̂ to log importance weights (any finite values; −Infinity entries are zero weights). */
export function paretoK(logWeights: ArrayLike<number>): ParetoKResult {
  const all = Float64Array.from(logWeights);
  if (all.some((v) => Number.isNaN(v) || v === Infinity)) {
    throw new RangeError('paretoK: log weights must not contain NaN or +Infinity');
  }
  const lw = all.filter((v) => v > -Infinity);
  const s = lw.length;
  const tailSize = Math.ceil(Math.min(0.2 * s, 3 * Math.sqrt(s)));
  if (tailSize < 5 || s < 10) {
    return describe(Infinity, tailSize, `too few usable importance weights (${s}) to estimate k̂`);
  }
  lw.sort();
  const maxLw = lw[s - 1];
  // Exceedances over the threshold (the largest weight outside the tail), on the max-1 scale.
  const threshold = Math.exp(lw[s - tailSize - 1] - maxLw);
  const exceed = new Float64Array(tailSize);
  for (let i = 0; i < tailSize; i++) exceed[i] = Math.exp(lw[s - tailSize + i] - maxLw) - threshold;
  if (exceed[tailSize - 1] <= 0) {
    // All tail weights equal: no tail at all.
    return describe(-Infinity, tailSize);
  }
  const k = fitGeneralizedParetoShape(exceed);
  return describe(k, tailSize);
}

/**
 * Zhang & Stephens (2009) estimate of the GPD shape ξ from sorted positive exceedances `x`, with
 * the PSIS prior that shrinks ξ toward 0.5 with the weight of 10 pseudo-observations.
 *
 * With θ = ξ/σ, the GPD log-likelihood maximized over ξ for fixed θ gives ξ(θ) = mean(log(1 + θx))
 * and the profile log-likelihood ℓ(θ) = n (log(θ / ξ(θ)) − ξ(θ) − 1). θ is estimated by its
 * posterior mean over a grid of m candidates in (−1/x_max, ∞), denser near the lower bound.
 */
export function fitGeneralizedParetoShape(x: Float64Array): number {
  const n = x.length;
  const m = 30 + Math.floor(Math.sqrt(n));
  const quartile = x[Math.floor(n / 4 + 0.5) - 1];
  const thetas = new Float64Array(m);
  const profile = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    thetas[j] = -1 / x[n - 1] + (Math.sqrt(m / (j + 0.5)) - 1) / (3 * quartile);
    const xi = meanLog1pThetaX(thetas[j], x);
    profile[j] = n * (Math.log(thetas[j] / xi) - xi - 1);
  }
  // Posterior weights of the candidates under a flat prior: w_j = 1 / Σ_i exp(ℓ_i − ℓ_j).
  let thetaHat = 0;
  let weightSum = 0;
  for (let j = 0; j < m; j++) {
    let denom = 0;
    for (let i = 0; i < m; i++) denom += Math.exp(profile[i] - profile[j]);
    const w = 1 / denom;
    thetaHat += w * thetas[j];
    weightSum += w;
  }
  thetaHat /= weightSum;
  const xiHat = meanLog1pThetaX(thetaHat, x);
  const prior = 10;
  return (n * xiHat + prior * 0.5) / (n + prior);
}

/** mean(log(1 + θ x)): the GPD shape ξ that maximizes the likelihood for a given θ = ξ/σ. */
function meanLog1pThetaX(theta: number, x: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += Math.log1p(theta * x[i]);
  return sum / x.length;
}

function describe(k: number, tailSize: number, reason?: string): ParetoKResult {
  const shown = Number.isFinite(k) ? k.toFixed(2) : String(k);
  if (reason) return { k, tailSize, verdict: 'very bad', message: `k̂ unavailable: ${reason}.` };
  if (k === -Infinity) return { k, tailSize, verdict: 'good', message: 'all importance weights are equal: the guide is exact here.' };
  if (k < 0.5) {
    return { k, tailSize, verdict: 'good', message: `k̂ = ${shown} < 0.5: the guide covers the posterior well; importance-sampled estimates are reliable.` };
  }
  if (k < 0.7) {
    return { k, tailSize, verdict: 'ok', message: `k̂ = ${shown} in [0.5, 0.7): the guide is usable but its tails are too light; importance-sampled estimates converge slowly.` };
  }
  if (k < 1) {
    return { k, tailSize, verdict: 'bad', message: `k̂ = ${shown} ≥ 0.7: the guide is a poor fit to the posterior; importance-sampled estimates are unreliable (try a full-rank guide, more iterations, or a reparameterization).` };
  }
  return { k, tailSize, verdict: 'very bad', message: `k̂ = ${shown} ≥ 1: the importance weights have no finite mean; the guide misses important posterior mass.` };
}
