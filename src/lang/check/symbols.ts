/**
 * Symbols: what each declared name resolves to. Model symbols have their name as id; a guide's
 * own params, nets and lets have the id `guide.name`, so two guides may reuse local names.
 */
import type { Locality } from '../ast.js';
import type { Span } from '../span.js';
import type { ConstValue, TypedExpr } from './typed-expr.js';
import type { ValueType } from './value-type.js';

/** `model` for model-level declarations, else the name of the guide that declares it. */
export type Owner = string;
/** The owner of model-level declarations and factors. */
export const MODEL_OWNER: Owner = 'model';

interface Base {
  readonly id: string;
  readonly name: string;
  /** The span of the declared name. */
  readonly span: Span;
  readonly owner: Owner;
  /** Position in the source, for use-before-definition checks. */
  readonly order: number;
}

export interface DimSymbol extends Base {
  readonly kind: 'dim';
  value?: number;
}

export interface ConstSymbol extends Base {
  readonly kind: 'const';
  value?: number;
}

export interface DataSymbol extends Base {
  readonly kind: 'data';
  type?: ValueType;
  /** Observed when some model factor targets it, else a covariate. */
  role: 'observed' | 'covariate';
}

export interface LatentSymbol extends Base {
  readonly kind: 'latent';
  type?: ValueType;
  readonly locality: Locality;
}

export interface ParamSymbol extends Base {
  readonly kind: 'param';
  type?: ValueType;
  readonly locality: Locality;
  init?: ConstValue;
}

export type Activation = 'relu' | 'tanh' | 'sigmoid' | 'softplus' | 'elu' | 'identity' | 'exp' | 'softmax';

export interface NetInfo {
  readonly architecture: 'mlp';
  /** Layer widths, input first and output last. */
  readonly widths: readonly number[];
  readonly activation: Activation;
  readonly output: Activation;
}

export interface NetSymbol extends Base {
  readonly kind: 'net';
  net?: NetInfo;
}

export interface LetSymbol extends Base {
  readonly kind: 'let';
  expr?: TypedExpr;
}

export type Sym = DimSymbol | ConstSymbol | DataSymbol | LatentSymbol | ParamSymbol | NetSymbol | LetSymbol;
export type SymbolKind = Sym['kind'];

/** Human description for messages: `latent 'z'`, `guide param 'm'`. */
export function describe(s: Sym): string {
  const kind = s.kind === 'data' ? (s.role === 'observed' ? 'observed data' : 'covariate') : s.kind;
  return `${s.owner === MODEL_OWNER ? '' : 'guide '}${kind} '${s.name}'`;
}
