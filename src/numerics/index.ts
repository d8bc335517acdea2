/**
 * Numerics: the differentiable special functions and linear algebra that tfjs lacks, as tensor ops
 * with exact gradients (log-gamma family, stable log-sum-exp and softplus relatives, Student-t
 * terms, the Bernoulli-logits log-likelihood summed over an axis, batched Cholesky and triangular
 * solves), plus float64 host routines for the incomplete gamma function used by implicit
 * reparameterization. Accuracy of each is in docs/numerics.md.
 */
import './comparison-gradients.js';
import './gather-gradient.js';
export { lgamma } from './lgamma.js';
export { digamma } from './digamma.js';
export { trigamma } from './trigamma.js';
export { polygamma } from './polygamma.js';
export { logBeta } from './log-beta.js';
export { log1p } from './log1p.js';
export { softplus } from './softplus.js';
export { logSigmoid } from './log-sigmoid.js';
export { log1mExp } from './log1m-exp.js';
export { logSumExp } from './log-sum-exp.js';
export { studentTLogNormalizer } from './student-t-log-normalizer.js';
export { log1pSquareOver } from './log1p-square-over.js';
export { bernoulliLogLik } from './bernoulli-log-lik.js';
export { cholesky } from './cholesky.js';
export { NotPositiveDefiniteError } from './not-positive-definite-error.js';
export { triangularSolve, type TriangularSolveOptions } from './triangular-solve.js';
export { regularizedGammaP } from './regularized-gamma-p.js';
export { standardGammaGradAlpha } from './standard-gamma-grad-alpha.js';
export { standardGammaLogGradAlpha } from './standard-gamma-log-grad-alpha.js';
