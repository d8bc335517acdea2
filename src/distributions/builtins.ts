/** Registers every built-in family in the family registry (imported once by the public index). */
import { bernoulliFamily } from './families/bernoulli.js';
import { betaFamily } from './families/beta.js';
import { binomialFamily } from './families/binomial.js';
import { categoricalFamily } from './families/categorical.js';
import { cauchyFamily } from './families/cauchy.js';
import { deltaFamily } from './families/delta.js';
import { dirichletFamily } from './families/dirichlet.js';
import { exponentialFamily } from './families/exponential.js';
import { gammaFamily } from './families/gamma.js';
import { halfCauchyFamily } from './families/half-cauchy.js';
import { halfNormalFamily } from './families/half-normal.js';
import { inverseGammaFamily } from './families/inverse-gamma.js';
import { laplaceFamily } from './families/laplace.js';
import { logNormalFamily } from './families/log-normal.js';
import { logisticFamily } from './families/logistic.js';
import { multivariateNormalFamily } from './families/multivariate-normal.js';
import { negativeBinomialFamily } from './families/negative-binomial.js';
import { normalFamily } from './families/normal.js';
import { poissonFamily } from './families/poisson.js';
import { studentTFamily } from './families/student-t.js';
import { uniformFamily } from './families/uniform.js';
import type { FamilySpec } from './family.js';
import { registerFamily } from './registry.js';

export const builtinFamilies: readonly FamilySpec[] = [
  normalFamily, logNormalFamily, halfNormalFamily, halfCauchyFamily, cauchyFamily, studentTFamily,
  laplaceFamily, logisticFamily, uniformFamily, exponentialFamily, gammaFamily, inverseGammaFamily,
  betaFamily, dirichletFamily, bernoulliFamily, binomialFamily, categoricalFamily, poissonFamily,
  negativeBinomialFamily, multivariateNormalFamily, deltaFamily,
];

for (const spec of builtinFamilies) registerFamily(spec);
