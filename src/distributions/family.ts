/**
 * The static description of a distribution family: what the compiler's checker reads
 * (`FamilyDescription`), and how the engine builds a distribution from argument tensors (`create`).
 *
 * Built-in families and user plugins register a `FamilySpec` in the family registry
 * (`registry.ts`); the checker never special-cases a family by name, so a plugin family is checked
 * exactly like a built-in one.
 *
 *   Normal:      params loc (real, rank 0), scale (positive, rank 0); support real, event rank 0
 *   Dirichlet:   params concentration (positive, rank 1); support simplex, event shape [K]
 *   Categorical: params probs (simplex, rank 1) | logits (real, rank 1); support {0..K-1}, event rank 0
 */
import type { Tensor } from '@tensorflow/tfjs';
import type { Constraint } from './constraints/index.js';
import type { Distribution } from './distribution.js';

export interface ParamSpec {
  readonly name: string;
  /** What a valid value satisfies, elementwise or per event (e.g. `constraints.positive`). */
  readonly constraint: Constraint;
  /** Trailing dims that form one parameter value: 0 scalar, 1 vector (`probs`), 2 matrix (`scale_tril`). */
  readonly eventRank: number;
  /** A default used when the argument is omitted (e.g. Normal's loc = 0 is NOT defaulted; StudentT's loc is). */
  readonly default?: number;
}

/** What the checker knows about the arguments of one factor when it asks for the support. */
export interface SupportQuery {
  /** The event part of each given parameter's shape (its last `eventRank` dims), by name. */
  readonly eventShapes: Readonly<Record<string, readonly number[]>>;
  /** Scalar parameters whose value is a compile-time constant (e.g. Uniform's low/high). */
  readonly constants: Readonly<Record<string, number | undefined>>;
}

/** Everything the checker reads about a family: its spec without `create`. */
export interface FamilyDescription {
  readonly name: string;
  /** Parameters in positional order. */
  readonly params: readonly ParamSpec[];
  /**
   * Groups of mutually exclusive alternatives, exactly one of which must be given, e.g.
   * `[['probs', 'logits']]` for Bernoulli. Parameters outside every group and without a default
   * are required.
   */
  readonly oneOf?: readonly (readonly string[])[];
  /** The support, possibly depending on parameter sizes or constant values. */
  support(query: SupportQuery): Constraint;
  /** The shape of one event (draw), from the parameters' event shapes: [] for scalar families. */
  eventShape(query: SupportQuery): number[];
  readonly discrete: boolean;
  /** Whether draws are differentiable functions of the parameters (pathwise gradients). */
  readonly hasRsample: boolean;
  /** One line for `--help`-style listings and docs. */
  readonly summary?: string;
}

export interface FamilySpec extends FamilyDescription {
  /** Build a distribution from broadcastable parameter tensors, keyed by parameter name. */
  create(params: Readonly<Record<string, Tensor>>): Distribution;
}
