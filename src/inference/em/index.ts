/**
 * Expectation–maximization on the computation graph: maximum-likelihood (or MAP) estimation of a
 * model's parameters θ with latent variables, alternating the E-step q(Z) = p(Z | X, θ) and the
 * M-step θ = argmax E_q[log p(X, Z | θ)] + log p(θ). The E-step is exact where the graph allows it
 * (enumerable discrete latents, linear-Gaussian latents) and variational otherwise; the M-step is
 * closed-form where the graph has a recognized pattern and gradient ascent otherwise. See docs/inference.md, "EM".
 */
export { runEm } from './run-em.js';
export { EmError, type EmOptions, type EmProgress, type EmResult, type EStepKind, type ParamUpdate, type RestartSummary } from './types.js';
