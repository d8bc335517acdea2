/**
 * The abstract syntax tree of a `.vmodel` file.
 *
 * Built from the chevrotain CST by `ast-builder.ts`; every node carries a type tag (`kind`) and the
 * source span it came from, so that every later stage can report located diagnostics. The AST is
 * purely syntactic: names are not resolved and shapes are not computed (that is the checker's job).
 */
import type { Span } from './span.js';

export interface Node {
  readonly kind: string;
  readonly span: Span;
}

export interface Identifier extends Node {
  readonly kind: 'Identifier';
  readonly name: string;
}

// ---------------------------------------------------------------- expressions

export type Expr =
  | NumberLit
  | NameRef
  | Unary
  | Binary
  | Call
  | Index
  | VectorLit;

export interface NumberLit extends Node {
  readonly kind: 'Number';
  readonly value: number;
  /** True when written without a decimal point or exponent (`3`, not `3.0`). */
  readonly isInteger: boolean;
}

export interface NameRef extends Node {
  readonly kind: 'Name';
  readonly name: string;
}

export interface Unary extends Node {
  readonly kind: 'Unary';
  readonly op: '-' | '+';
  readonly operand: Expr;
}

/** `@` is the matrix product; `^` is elementwise power. */
export type BinaryOp = '+' | '-' | '*' | '/' | '^' | '@';

export interface Binary extends Node {
  readonly kind: 'Binary';
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
}

/** A positional or named argument of a call: `Normal(0, scale = s)`. */
export interface Arg extends Node {
  readonly kind: 'Arg';
  readonly name?: Identifier;
  readonly value: Expr;
}

/** A function, network or distribution applied to arguments: `softplus(h)`, `decoder(z)`. */
export interface Call extends Node {
  readonly kind: 'Call';
  readonly callee: Identifier;
  readonly args: readonly Arg[];
}

/** One position of an index list: a single index `i` or a slice `a:b` (either end may be omitted). */
export type IndexItem =
  | { readonly kind: 'At'; readonly span: Span; readonly index: Expr }
  | { readonly kind: 'Slice'; readonly span: Span; readonly start?: Expr; readonly end?: Expr };

/** `h[0:K]`, `mu[c]`, `W[:, 1]`. Indices are 0-based; slices are half-open. */
export interface Index extends Node {
  readonly kind: 'Index';
  readonly target: Expr;
  readonly items: readonly IndexItem[];
}

/** `[a, b, c]`: a vector built from scalars (or a matrix from equal-length vectors). */
export interface VectorLit extends Node {
  readonly kind: 'Vector';
  readonly elements: readonly Expr[];
}

// ---------------------------------------------------------------------- types

/**
 * A declared value type: a support kind and a shape, e.g. `real[K]`, `binary[D]`, `category(K)`,
 * `simplex[K]`, `interval(0, 1)[3]`, `cholesky[D]`.
 *
 * `kindArgs` are the parenthesised arguments of parametric kinds (`category(K)`, `interval(a, b)`);
 * `dims` are the bracketed sizes. For `simplex[..., K]` the last dim is the simplex dimension; for
 * `cholesky[..., D]` and `covariance[..., D]` the value has shape `[..., D, D]`.
 */
export interface TypeExpr extends Node {
  readonly kind: 'Type';
  readonly base: Identifier;
  readonly kindArgs: readonly Expr[];
  readonly dims: readonly Expr[];
}

// --------------------------------------------------------------- declarations

/** `dim K = 20`: a named integer size usable in shapes and expressions. */
export interface DimDecl extends Node {
  readonly kind: 'DimDecl';
  readonly name: Identifier;
  readonly value: Expr;
}

/** `const s0 = 2.5`: a named real constant. */
export interface ConstDecl extends Node {
  readonly kind: 'ConstDecl';
  readonly name: Identifier;
  readonly value: Expr;
}

/** `data x : binary[D]`: one value per data row. Data with no factor of their own are covariates. */
export interface DataDecl extends Node {
  readonly kind: 'DataDecl';
  readonly name: Identifier;
  readonly type: TypeExpr;
}

export type Locality = 'local' | 'global';

/** `latent z : real[K]` (local: one per data row) or `global latent mu : real`. */
export interface LatentDecl extends Node {
  readonly kind: 'LatentDecl';
  readonly name: Identifier;
  readonly type: TypeExpr;
  /** Latents are local unless declared `global`. */
  readonly locality: Locality;
  /** Whether the locality was written explicitly (for diagnostics). */
  readonly explicitLocality: boolean;
}

/** `param W : real[D, K]` (global, point-estimated) or `local param m : real[K]` (one per row). */
export interface ParamDecl extends Node {
  readonly kind: 'ParamDecl';
  readonly name: Identifier;
  readonly type: TypeExpr;
  /** Parameters are global unless declared `local`. */
  readonly locality: Locality;
  readonly explicitLocality: boolean;
  /** Optional initial value: `param s : positive = 1`. */
  readonly init?: Expr;
}

/**
 * `net decoder = mlp(K -> 400 -> D, relu)`: a neural network, callable in expressions.
 * `layers` are the widths (input first, output last); `options` are the remaining arguments
 * (positional activation, or named `activation = relu`, `output = sigmoid`).
 */
export interface NetDecl extends Node {
  readonly kind: 'NetDecl';
  readonly name: Identifier;
  readonly architecture: Identifier;
  readonly layers: readonly Expr[];
  readonly options: readonly Arg[];
}

/** `let theta = mu + tau * eta`: a deterministic definition. */
export interface LetDecl extends Node {
  readonly kind: 'LetDecl';
  readonly name: Identifier;
  readonly value: Expr;
}

/**
 * A factor: `p(x | z) = Bernoulli(logits = decoder(z))` in the model, `q(z | x) = Normal(m, s)` in
 * a guide. `targets` are the variables the factor defines (usually one); `given` is the
 * conditioning set as written.
 */
export interface FactorDecl extends Node {
  readonly kind: 'FactorDecl';
  readonly density: 'p' | 'q';
  readonly targets: readonly Identifier[];
  readonly given: readonly Identifier[];
  readonly distribution: Call;
}

/** Statements allowed inside a written-out guide block. */
export type GuideStatement = ParamDecl | NetDecl | LetDecl | FactorDecl;

/**
 * A guide. Either written out:
 *   `guide amortized { let h = encoder(x)  q(z | x) = Normal(h[0:K], softplus(h[K:2*K])) }`
 * or automatic:
 *   `guide mf = meanfield`, `guide fr = fullrank`, `guide enc = amortized(hidden = [400])`,
 *   `guide point = delta`.
 */
export interface GuideDecl extends Node {
  readonly kind: 'GuideDecl';
  readonly name: Identifier;
  readonly body: GuideBody;
}

export type GuideBody =
  | { readonly kind: 'Written'; readonly span: Span; readonly statements: readonly GuideStatement[] }
  | { readonly kind: 'Auto'; readonly span: Span; readonly strategy: Identifier; readonly options: readonly Arg[] };

/**
 * `infer { method = svi  guide = amortized  objective = iwae(5)  batch = 128 }`: inference
 * defaults that command-line flags override. Values are kept as expressions; the consumer
 * interprets them (a bare name like `svi`, a number, or a call like `adam(lr = 1e-3)`).
 */
export interface InferDecl extends Node {
  readonly kind: 'InferDecl';
  readonly settings: readonly Setting[];
}

export interface Setting extends Node {
  readonly kind: 'Setting';
  readonly key: Identifier;
  readonly value: Expr;
}

export type Declaration =
  | DimDecl
  | ConstDecl
  | DataDecl
  | LatentDecl
  | ParamDecl
  | NetDecl
  | LetDecl
  | FactorDecl
  | GuideDecl
  | InferDecl;

/** A whole file: `model NAME` followed by declarations, in source order. */
export interface Program extends Node {
  readonly kind: 'Program';
  readonly name: Identifier;
  readonly declarations: readonly Declaration[];
}
