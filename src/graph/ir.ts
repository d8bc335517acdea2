/**
 * The computation-graph IR: what the inference engine executes.
 *
 * A `ModelGraph` lists the model's nodes in topological order (every node after the nodes it
 * reads), and one `GuideGraph` per guide. Expressions are `TypedExpr` trees whose references are
 * node ids. Shapes are *row shapes*: the shape of one data row's value; at run time the engine
 * carries values as `[samples, rows, ...rowShape]` (globals broadcast with a size-1 rows axis,
 * data with a size-1 samples axis). Everything is plain data, so `JSON.stringify` gives the
 * `--emit ir` dump. See docs/ir.md.
 */
import type { Locality } from '../lang/ast.js';
import type { Span } from '../lang/span.js';
import type {
  Activation,
  AutoGuideOptions,
  AutoGuideStrategy,
  ConstValue,
  DType,
  InferSettings,
  TypedExpr,
} from '../lang/check/index.js';
import type { ValueKind } from '../distributions/constraints/index.js';

export type { TypedExpr, TypedIndex, ConstValue, DType, ElementwiseFn, AxisFn, BinaryFn, RefKind, InferSettings, Objective, Optimizer, InferMethod, Activation, AutoGuideOptions, AutoGuideStrategy } from '../lang/check/index.js';

/** `model`, or the name of the guide a node belongs to. */
export type NodeOwner = string;

/** A declared value type. `constraint` is its readable name; the engine rebuilds the object with `constraintForType(kind, kindArgs)`. */
export interface NodeType {
  readonly kind: ValueKind;
  readonly kindArgs: readonly number[];
  /** Row shape of the value (`[D, D]` for `cholesky[D]`). */
  readonly shape: readonly number[];
  readonly constraint: string;
  readonly dtype: DType;
}

interface NodeBase {
  /** Unique id: the name for model nodes, `guide.name` for a guide's own nodes, `p:z` / `q:guide:z` for factors. */
  readonly id: string;
  readonly owner: NodeOwner;
  /** Where it was declared, for run-time messages (e.g. a NaN naming the site). */
  readonly span: Span;
}

/** A data column: observed (it has a factor) or a covariate (an input). Always local. */
export interface DataNode extends NodeBase {
  readonly kind: 'data';
  readonly name: string;
  readonly role: 'observed' | 'covariate';
  readonly type: NodeType;
}

/** A latent variable: drawn from a guide during inference, scored by its prior factor. */
export interface LatentNode extends NodeBase {
  readonly kind: 'latent';
  readonly name: string;
  readonly locality: Locality;
  readonly type: NodeType;
  /** The id of its prior factor in the model. */
  readonly priorFactor: string;
}

/** A point-estimated parameter, optimized in unconstrained space; MAP when it has a prior factor. */
export interface ParamNode extends NodeBase {
  readonly kind: 'param';
  readonly name: string;
  readonly locality: Locality;
  readonly type: NodeType;
  readonly init?: ConstValue;
  readonly priorFactor?: string;
}

/** A multilayer perceptron applied by `op: 'net'` expressions. */
export interface NetNode extends NodeBase {
  readonly kind: 'net';
  readonly name: string;
  readonly architecture: 'mlp';
  /** Layer widths, input first and output last. */
  readonly widths: readonly number[];
  readonly activation: Activation;
  /** Output-layer activation (`identity` when linear). */
  readonly output: Activation;
}

/** A deterministic value. */
export interface LetNode extends NodeBase {
  readonly kind: 'let';
  readonly name: string;
  readonly expr: TypedExpr;
}

/**
 * A log-density term: `density` p (model) or q (guide) of `targets` under `family` with
 * arguments by parameter name. The target value has row shape `targetShape` =
 * `batchShape ++ eventShape`; the family's log-density is summed over `batchShape`.
 * Several targets are concatenated along the last axis into one value.
 */
export interface FactorNode extends NodeBase {
  readonly kind: 'factor';
  readonly density: 'p' | 'q';
  readonly targets: readonly string[];
  /** The conditioning set as written (node ids). */
  readonly given: readonly string[];
  /** The random variables the arguments depend on, through lets. */
  readonly dependsOn: readonly string[];
  /** A family name in the distribution registry. */
  readonly family: string;
  readonly args: Readonly<Record<string, TypedExpr>>;
  readonly targetShape: readonly number[];
  readonly batchShape: readonly number[];
  readonly eventShape: readonly number[];
  readonly locality: Locality;
  /** From the family spec: discrete support (enumeration / score-function estimators). */
  readonly discrete: boolean;
  /** From the family spec: draws are differentiable in the arguments. */
  readonly hasRsample: boolean;
}

export type GraphNode = DataNode | LatentNode | ParamNode | NetNode | LetNode | FactorNode;

/** A guide written out as q factors with its own params, nets and lets. */
export interface WrittenGuide {
  readonly kind: 'written';
  readonly name: string;
  readonly span: Span;
  /** The guide's own nodes in topological order; latents they read are produced by earlier q factors (or are model data). */
  readonly nodes: readonly GraphNode[];
  /** For each latent id, the q factor covering it. */
  readonly covers: Readonly<Record<string, string>>;
}

/** An automatic guide, built by the engine from the model's latents. */
export interface AutoGuide {
  readonly kind: 'auto';
  readonly name: string;
  readonly span: Span;
  readonly strategy: AutoGuideStrategy;
  readonly options: AutoGuideOptions;
}

export type GuideGraph = WrittenGuide | AutoGuide;

export interface ModelGraph {
  readonly name: string;
  /** Source path and a SHA-256 prefix of the source text: identifies the model a fit belongs to. */
  readonly source: string;
  readonly sourceHash: string;
  readonly dims: Readonly<Record<string, number>>;
  readonly consts: Readonly<Record<string, number>>;
  /** Model nodes in topological order. */
  readonly nodes: readonly GraphNode[];
  readonly guides: readonly GuideGraph[];
  readonly infer: InferSettings;
}
