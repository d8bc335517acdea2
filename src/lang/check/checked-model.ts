/**
 * The checker's result: every name resolved to a symbol, every expression typed, every factor
 * bound to its family with arguments by parameter name, guides and inference settings validated.
 * This is what `lowerToGraph` turns into the engine's graph.
 */
import type { SourceFile, Span } from '../span.js';
import type { FamilyDescription } from '../../distributions/family.js';
import type { Locality } from '../ast.js';
import type { InferSettings } from './infer-settings.js';
import type { Owner, Sym } from './symbols.js';
import type { TypedExpr } from './typed-expr.js';

export interface CheckedFactor {
  /** `p:x` in the model, `q:guide:z` in a guide (targets joined by commas). */
  readonly id: string;
  readonly density: 'p' | 'q';
  readonly owner: Owner;
  /** Symbol ids of the variables the factor defines. */
  readonly targets: readonly string[];
  /** Symbol ids of the conditioning set as written (validated). */
  readonly given: readonly string[];
  /** The random variables the arguments actually depend on (through lets). */
  readonly dependsOn: readonly string[];
  readonly family: FamilyDescription;
  /** Arguments by parameter name; omitted parameters with defaults are filled in as constants. */
  readonly args: Readonly<Record<string, TypedExpr>>;
  /** The target's value shape per row: batch shape followed by event shape. */
  readonly targetShape: readonly number[];
  readonly batchShape: readonly number[];
  readonly eventShape: readonly number[];
  readonly locality: Locality;
  readonly span: Span;
}

export type AutoGuideStrategy = 'meanfield' | 'fullrank' | 'amortized' | 'delta';

export interface AutoGuideOptions {
  /** amortized: hidden layer widths of each encoder. */
  readonly hidden?: readonly number[];
  /** amortized: hidden activation. */
  readonly activation?: string;
  /** meanfield / fullrank: initial scale of the Normal factors. */
  readonly initScale?: number;
}

export type CheckedGuide =
  | {
      readonly kind: 'written';
      readonly name: string;
      readonly span: Span;
      /** Factor ids, in source order. */
      readonly factors: readonly string[];
      /** For each latent id, the id of the q factor covering it. */
      readonly covers: Readonly<Record<string, string>>;
      /** Ids of the guide's own params, nets and lets, in source order. */
      readonly symbols: readonly string[];
    }
  | {
      readonly kind: 'auto';
      readonly name: string;
      readonly span: Span;
      readonly strategy: AutoGuideStrategy;
      readonly options: AutoGuideOptions;
    };

export interface CheckedModel {
  readonly name: string;
  readonly file: SourceFile;
  readonly dims: Readonly<Record<string, number>>;
  readonly consts: Readonly<Record<string, number>>;
  /** Every symbol by id (model and guide-local), in source order. */
  readonly symbols: ReadonlyMap<string, Sym>;
  /** Every factor by id (model and guides), in source order. */
  readonly factors: ReadonlyMap<string, CheckedFactor>;
  /** For each model variable with a factor (latent, observed data, param with a prior), its factor id. */
  readonly priorOf: ReadonlyMap<string, string>;
  readonly guides: readonly CheckedGuide[];
  readonly infer: InferSettings;
}
