/**
 * The inference engine: one generic engine that runs on the computation graph compiled from a
 * .vmodel file. Guides draw the latents, the tracer scores model and guide into per-site terms,
 * objectives (ELBO, β, IWAE, InfoVAE) turn terms into a loss, the SVI loop optimizes θ and φ, and
 * the evaluation functions measure a fitted model (log-likelihood, ELBO, k̂, summaries, draws).
 */
export { runFit, resolveFitOptions, type FitOptions, type FitResult, type FitCheckpoint, type Progress, type StopReason, type VariationalMethod } from './fit/run-fit.js';
export { Svi, type SviConfig, type SviState, type StepResult, type OptimizerKind } from './fit/svi.js';
export { NonFiniteError } from './fit/non-finite.js';
export { prepare, chooseGuide, SetupError, type Prepared } from './setup.js';
export type { Guide, GuideSite, SitePlan, Estimator } from './guides/guide.js';
export { parseObjective, parseObjectiveSpec, makeObjective, elbo, iwae, infoVae, type Objective, type ObjectiveSpec } from './objectives/index.js';
export { paretoK, type ParetoKResult } from './diagnostics/pareto-k.js';
export { ConvergenceMonitor, DEFAULT_CONVERGENCE, type ConvergenceOptions } from './loop/convergence.js';
export { estimateLogLikelihood, type LogLikelihoodEstimate } from './evaluate/log-likelihood.js';
export { estimateElbo, type ElboEstimate } from './evaluate/elbo-estimate.js';
export { refitLocal, optimalMeanField, type RefitOptions } from './evaluate/refit-local.js';
export { posteriorSummaries, summarize, QUANTILES, type Summary, type ParamEstimate } from './evaluate/posterior-summary.js';
export { paretoDiagnostic, type ParetoDiagnostic } from './evaluate/pareto-diagnostic.js';
export { predictiveSamples, latentMeans, reconstruct, type Draws } from './evaluate/predictive.js';
export { wholeBatch } from './fit/epoch-cursor.js';
