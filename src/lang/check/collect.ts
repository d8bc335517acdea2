/**
 * The first pass: one symbol per declared name (model-level, and each written guide's own
 * params, nets and lets), reporting duplicates. Nothing is evaluated yet.
 */
import type { Declaration, FactorDecl, GuideDecl, InferDecl, Program } from '../ast.js';
import type { Span } from '../span.js';
import { BUILTIN_NAMES } from './builtins.js';
import type { Reporter } from './reporter.js';
import { MODEL_OWNER, type Owner, type Sym } from './symbols.js';

/** The AST a symbol was declared by, for lazy checking. */
export type SymbolDecl = Extract<Declaration, { kind: 'DimDecl' | 'ConstDecl' | 'DataDecl' | 'LatentDecl' | 'ParamDecl' | 'NetDecl' | 'LetDecl' }>;

export interface Collected {
  /** Model-level symbols by name. */
  readonly model: Map<string, Sym>;
  /** Each written guide's own symbols by name. */
  readonly guideScopes: Map<string, Map<string, Sym>>;
  /** Every symbol by id. */
  readonly byId: Map<string, Sym>;
  readonly declOf: Map<string, SymbolDecl>;
  /** Factors with their owner, in source order. */
  readonly factors: { readonly decl: FactorDecl; readonly owner: Owner }[];
  readonly guides: GuideDecl[];
  readonly infers: InferDecl[];
}

/** Declare every name (E0202 for duplicates), and gather factors, guides and infer blocks. */
export function collect(program: Program, reporter: Reporter): Collected {
  const out: Collected = { model: new Map(), guideScopes: new Map(), byId: new Map(), declOf: new Map(), factors: [], guides: [], infers: [] };
  const declare = (decl: SymbolDecl, owner: Owner, scope: Map<string, Sym>): void => {
    const name = decl.name.name;
    if (BUILTIN_NAMES.includes(name)) {
      reporter.report('E0202', decl.name.span, `'${name}' is the name of a built-in function`, 'choose a different name, so that calls keep meaning the built-in');
      return;
    }
    const clash = scope.get(name) ?? (owner === MODEL_OWNER ? undefined : out.model.get(name));
    if (clash !== undefined) {
      reporter.report('E0202', decl.name.span, `'${name}' is already declared`, 'choose a different name', [{ span: clash.span, message: `'${name}' first declared here` }]);
      return;
    }
    const id = owner === MODEL_OWNER ? name : `${owner}.${name}`;
    const base = { id, name, span: decl.name.span, owner, order: decl.span.start };
    const sym: Sym = (() => {
      switch (decl.kind) {
        case 'DimDecl': return { ...base, kind: 'dim' as const };
        case 'ConstDecl': return { ...base, kind: 'const' as const };
        case 'DataDecl': return { ...base, kind: 'data' as const, role: 'covariate' as const };
        case 'LatentDecl': return { ...base, kind: 'latent' as const, locality: decl.locality };
        case 'ParamDecl': return { ...base, kind: 'param' as const, locality: decl.locality };
        case 'NetDecl': return { ...base, kind: 'net' as const };
        case 'LetDecl': return { ...base, kind: 'let' as const };
      }
    })();
    scope.set(name, sym);
    out.byId.set(id, sym);
    out.declOf.set(id, decl);
  };
  const guideSpans = new Map<string, Span>();
  for (const decl of program.declarations) {
    switch (decl.kind) {
      case 'FactorDecl':
        out.factors.push({ decl, owner: MODEL_OWNER });
        break;
      case 'InferDecl':
        out.infers.push(decl);
        break;
      case 'GuideDecl': {
        const name = decl.name.name;
        const first = guideSpans.get(name);
        if (first !== undefined) {
          reporter.report('E0202', decl.name.span, `guide '${name}' is already declared`, 'give each guide its own name', [{ span: first, message: 'first declared here' }]);
          break;
        }
        guideSpans.set(name, decl.name.span);
        out.guides.push(decl);
        break;
      }
      default:
        declare(decl, MODEL_OWNER, out.model);
    }
  }
  // Guide bodies second, so that a guide-local name clashing with a later model name is caught.
  for (const guide of out.guides) {
    if (guide.body.kind !== 'Written') continue;
    const scope = new Map<string, Sym>();
    out.guideScopes.set(guide.name.name, scope);
    for (const stmt of guide.body.statements) {
      if (stmt.kind === 'FactorDecl') out.factors.push({ decl: stmt, owner: guide.name.name });
      else declare(stmt, guide.name.name, scope);
    }
  }
  out.factors.sort((a, b) => a.decl.span.start - b.decl.span.start);
  return out;
}
