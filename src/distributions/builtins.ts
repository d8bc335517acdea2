/**
 * The built-in families as the checker sees them (parameters with constraints and event ranks,
 * supports, event shapes), registered in the family registry when this module loads.
 *
 * This module does not load tfjs, so neither does the compiler (tfjs is half of a cold
 * `vmodel check`). The code that builds a distribution lives in each family's module, which supplies
 * the family's `create` through `implementFamily` when it loads. The distributions index loads
 * every family module, and the engine always imports the index first, so calling a built-in's
 * `create` before that is a bug in vmodel, reported as an internal error.
 */
import {
  boolean, independent, integerInterval, lowerCholesky, nonnegative, nonnegativeInteger, positive, positiveDefinite, probability, real, RealInterval, simplex,
  unitInterval, type Constraint,
} from './constraints/index.js';
import type { FamilyDescription, FamilySpec, ParamSpec } from './family.js';
import { registerFamily } from './registry.js';

type Create = FamilySpec['create'];

const implementations = new Map<string, Create>();

/** Supply a built-in family's `create`; each family's module calls this once, as it loads. */
export function implementFamily(family: FamilySpec, create: Create): void {
  implementations.set(family.name, create);
}

/** A built-in family's spec: the description given here and the `create` its module supplies. */
function builtin(description: FamilyDescription): FamilySpec {
  const { name } = description;
  return {
    ...description,
    create(params) {
      const create = implementations.get(name);
      if (create === undefined) {
        throw new Error(`internal: ${name}.create was called before the ${name} module loaded; import src/distributions/index.ts before building distributions`);
      }
      return create(params);
    },
  };
}

/** A row of the table below: the support may be a fixed set, and draws are scalars unless `eventShape` says otherwise. */
type Row = Omit<FamilyDescription, 'support' | 'eventShape' | 'discrete' | 'hasRsample'> & {
  readonly support: Constraint | FamilyDescription['support'];
  readonly eventShape?: FamilyDescription['eventShape'];
};

/** Every continuous built-in is reparameterized; no discrete one is. */
function describeRow({ support, eventShape, ...rest }: Row, discrete: boolean): FamilyDescription {
  return { ...rest, support: typeof support === 'function' ? support : () => support, eventShape: eventShape ?? (() => []), discrete, hasRsample: !discrete };
}

const continuous = (row: Row): FamilySpec => builtin(describeRow(row, false));
const discrete = (row: Row): FamilySpec => builtin(describeRow(row, true));

/** loc ∈ ℝ and scale > 0: the location-scale families, and LogNormal (those of log x). */
export const LOCATION_SCALE_PARAMS: readonly ParamSpec[] = [
  { name: 'loc', constraint: real, eventRank: 0 },
  { name: 'scale', constraint: positive, eventRank: 0 },
];

/** scale > 0: the half families. */
export const SCALE_PARAMS: readonly ParamSpec[] = [{ name: 'scale', constraint: positive, eventRank: 0 }];

/** The description of a location-scale family x = loc + scale · z (see `families/location-scale.ts`). */
export function locationScaleDescription(name: string, summary: string): FamilyDescription {
  return describeRow({ name, params: LOCATION_SCALE_PARAMS, support: real, summary }, false);
}

/** The description of a half family x = scale · |z|, on [0, ∞). */
export function halfScaleDescription(name: string, summary: string): FamilyDescription {
  return describeRow({ name, params: SCALE_PARAMS, support: nonnegative, summary }, false);
}

const CONCENTRATION_RATE: readonly ParamSpec[] = [
  { name: 'concentration', constraint: positive, eventRank: 0 },
  { name: 'rate', constraint: positive, eventRank: 0 },
];

/** `probs` in `set` or unconstrained `logits`, one value per `eventRank` trailing dims; exactly one is given (`PROBS_OR_LOGITS`). */
function probsOrLogits(set: Constraint, eventRank = 0): ParamSpec[] {
  return [{ name: 'probs', constraint: set, eventRank }, { name: 'logits', constraint: real, eventRank }];
}

const PROBS_OR_LOGITS: readonly (readonly string[])[] = [['probs', 'logits']];

export const normalFamily = builtin(locationScaleDescription('Normal', 'Normal(loc, scale): the Gaussian on the real line'));
export const cauchyFamily = builtin(locationScaleDescription('Cauchy', 'Cauchy(loc, scale): heavy tails, no mean'));
export const laplaceFamily = builtin(locationScaleDescription('Laplace', 'Laplace(loc, scale): the double exponential'));
export const logisticFamily = builtin(locationScaleDescription('Logistic', 'Logistic(loc, scale): the logistic distribution (sigmoid CDF)'));
export const halfNormalFamily = builtin(halfScaleDescription('HalfNormal', 'HalfNormal(scale): the absolute value of a zero-mean Normal'));
export const halfCauchyFamily = builtin(halfScaleDescription('HalfCauchy', 'HalfCauchy(scale): the absolute value of a zero-location Cauchy (a heavy-tailed scale prior)'));

export const logNormalFamily = continuous({ name: 'LogNormal', params: LOCATION_SCALE_PARAMS, support: positive, summary: 'LogNormal(loc, scale): exp of a Normal(loc, scale)' });

export const studentTFamily = continuous({
  name: 'StudentT',
  params: [
    { name: 'df', constraint: positive, eventRank: 0 },
    { name: 'loc', constraint: real, eventRank: 0, default: 0 },
    { name: 'scale', constraint: positive, eventRank: 0, default: 1 },
  ],
  support: real,
  summary: "StudentT(df, loc = 0, scale = 1): Student's t, a heavy-tailed Normal",
});

export const uniformFamily = continuous({
  name: 'Uniform',
  params: [{ name: 'low', constraint: real, eventRank: 0 }, { name: 'high', constraint: real, eventRank: 0 }],
  support: ({ constants: { low, high } }) => (low !== undefined && high !== undefined && low < high ? new RealInterval(low, high, true, false) : real),
  summary: 'Uniform(low, high): flat on [low, high)',
});

export const exponentialFamily = continuous({ name: 'Exponential', params: [{ name: 'rate', constraint: positive, eventRank: 0 }], support: nonnegative, summary: 'Exponential(rate): waiting times' });

export const gammaFamily = continuous({ name: 'Gamma', params: CONCENTRATION_RATE, support: positive, summary: 'Gamma(concentration, rate): positive values, conjugate for Poisson rates and precisions' });

export const inverseGammaFamily = continuous({ name: 'InverseGamma', params: CONCENTRATION_RATE, support: positive, summary: 'InverseGamma(concentration, rate): the reciprocal of a Gamma; conjugate prior for variances' });

export const betaFamily = continuous({
  name: 'Beta',
  params: [{ name: 'concentration1', constraint: positive, eventRank: 0 }, { name: 'concentration0', constraint: positive, eventRank: 0 }],
  support: unitInterval,
  summary: 'Beta(concentration1, concentration0): probabilities in (0, 1)',
});

export const dirichletFamily = continuous({
  name: 'Dirichlet',
  params: [{ name: 'concentration', constraint: positive, eventRank: 1 }],
  support: simplex,
  eventShape: ({ eventShapes }) => [...(eventShapes.concentration ?? [])],
  summary: 'Dirichlet(concentration): distributions over the simplex',
});

export const multivariateNormalFamily = continuous({
  name: 'MultivariateNormal',
  params: [
    { name: 'loc', constraint: real, eventRank: 1 },
    { name: 'scale_tril', constraint: lowerCholesky, eventRank: 2 },
    { name: 'covariance_matrix', constraint: positiveDefinite, eventRank: 2 },
  ],
  oneOf: [['scale_tril', 'covariance_matrix']],
  support: independent(real, 1),
  eventShape: ({ eventShapes }) => [...(eventShapes.loc ?? [])],
  summary: 'MultivariateNormal(loc, scale_tril | covariance_matrix): a correlated Gaussian',
});

export const deltaFamily = continuous({ name: 'Delta', params: [{ name: 'v', constraint: real, eventRank: 0 }], support: real, summary: 'Delta(v): a point mass at v (MAP guides)' });

export const bernoulliFamily = discrete({ name: 'Bernoulli', params: probsOrLogits(probability), oneOf: PROBS_OR_LOGITS, support: boolean, summary: 'Bernoulli(probs | logits): a coin flip in {0, 1}' });

export const binomialFamily = discrete({
  name: 'Binomial',
  params: [{ name: 'total_count', constraint: nonnegativeInteger, eventRank: 0, default: 1 }, ...probsOrLogits(probability)],
  oneOf: PROBS_OR_LOGITS,
  support: ({ constants: { total_count: n } }) => (n !== undefined && Number.isInteger(n) && n >= 0 ? integerInterval(0, n) : nonnegativeInteger),
  summary: 'Binomial(total_count = 1, probs | logits): successes in n trials',
});

export const categoricalFamily = discrete({
  name: 'Categorical',
  params: probsOrLogits(simplex, 1),
  oneOf: PROBS_OR_LOGITS,
  support: ({ eventShapes }) => {
    const k = (eventShapes.probs ?? eventShapes.logits)?.[0];
    return k !== undefined ? integerInterval(0, k - 1) : nonnegativeInteger;
  },
  summary: 'Categorical(probs | logits): one of K categories, numbered from 0',
});

export const poissonFamily = discrete({ name: 'Poisson', params: [{ name: 'rate', constraint: nonnegative, eventRank: 0 }], support: nonnegativeInteger, summary: 'Poisson(rate): counts of rare events' });

export const negativeBinomialFamily = discrete({
  name: 'NegativeBinomial',
  // p = 1 would put all mass at infinity, so probs live in [0, 1).
  params: [{ name: 'total_count', constraint: positive, eventRank: 0 }, ...probsOrLogits(new RealInterval(0, 1, true, false))],
  oneOf: PROBS_OR_LOGITS,
  support: nonnegativeInteger,
  summary: 'NegativeBinomial(total_count, probs | logits): overdispersed counts',
});

/** Most common first: the checker suggests replacement families in this order. */
export const builtinFamilies: readonly FamilySpec[] = [
  normalFamily, logNormalFamily, halfNormalFamily, halfCauchyFamily, cauchyFamily, studentTFamily,
  laplaceFamily, logisticFamily, uniformFamily, exponentialFamily, gammaFamily, inverseGammaFamily,
  betaFamily, dirichletFamily, bernoulliFamily, binomialFamily, categoricalFamily, poissonFamily,
  negativeBinomialFamily, multivariateNormalFamily, deltaFamily,
];

for (const spec of builtinFamilies) registerFamily(spec);
