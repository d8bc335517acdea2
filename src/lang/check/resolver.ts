/**
 * Name resolution and on-demand evaluation of declarations. A dim, const, let, type or network
 * is checked the first time something needs it (memoized), so declarations may appear in any
 * order, except that dims, consts and lets must be defined above their use in other definitions
 * (E0203) and may not depend on themselves (E0204).
 */
import type { Expr, Identifier } from '../ast.js';
import { formatShape } from '../../distributions/shapes.js';
import { namesIn } from './ast-names.js';
import type { Collected } from './collect.js';
import { checkExpr, type ExprEnv } from './expr.js';
import { checkNet } from './nets.js';
import { checkParamInit } from './param-init.js';
import type { Reporter } from './reporter.js';
import { didYouMean } from '../suggest.js';
import { MODEL_OWNER, type Owner, type Sym } from './symbols.js';
import { resolveType } from './value-type.js';

/** Where an expression sits: its scope, and for definitions their source position. */
export interface Site {
  readonly owner: Owner;
  /** Source position of the definition being checked; absent in factors (which may look ahead). */
  readonly order?: number;
}

/** Resolves names for one program and checks each declaration the first time it is needed. */
export class Resolver {
  private readonly state = new Map<string, 'visiting' | 'done'>();
  /** Declarations being checked, innermost last. */
  private readonly defining: Sym[] = [];

  constructor(
    readonly collected: Collected,
    readonly reporter: Reporter,
    private readonly isFamily: (name: string) => boolean,
  ) {}

  byId(id: string): Sym | undefined {
    return this.collected.byId.get(id);
  }

  /** Check every declaration (each once), in source order. */
  checkAll(): void {
    for (const sym of this.collected.byId.values()) this.ensure(sym, { owner: sym.owner });
  }

  /** The expression environment for a site. */
  env(site: Site): ExprEnv {
    return {
      reporter: this.reporter,
      resolve: (name) => this.resolve(name, site),
      byId: (id) => this.byId(id),
      declares: (name) => this.lookup(name, site.owner) !== undefined,
      isFamily: this.isFamily,
      netNames: () => this.visible(site.owner).filter((s) => s.kind === 'net').map((s) => s.name),
    };
  }

  check(expr: Expr, site: Site) {
    return checkExpr(expr, this.env(site));
  }

  /** Fold a scalar constant expression, reporting E0304 when it is not one. */
  constant(expr: Expr, what: string, site: Site): number | undefined {
    const t = this.check(expr, site);
    if (t === undefined) return undefined;
    if (typeof t.constant !== 'number') {
      const why = t.constant === undefined ? 'it depends on values known only at run time' : `it has shape ${formatShape(t.rowShape)}`;
      this.reporter.report('E0304', expr.span, `${what} must be a constant number, but ${why}`, 'use numbers, dims, consts and arithmetic on them');
      return undefined;
    }
    return t.constant;
  }

  /** Fold a size: a constant positive integer. */
  size(expr: Expr, what: string, site: Site, code = 'E0303'): number | undefined {
    const v = this.constant(expr, what, site);
    if (v === undefined) return undefined;
    if (!Number.isInteger(v) || v < 1) {
      this.reporter.report(code, expr.span, `${what} must be a positive integer, got ${v}`, 'sizes count elements: 1, 2, 3, …');
      return undefined;
    }
    return v;
  }

  /** The symbol named `name` as seen from `owner`, whether or not it is visible there. */
  lookup(name: string, owner: Owner): Sym | undefined {
    return (owner === MODEL_OWNER ? undefined : this.collected.guideScopes.get(owner)?.get(name)) ?? this.collected.model.get(name);
  }

  /** Symbols visible from `owner`: guides see data, dims, consts, latents and their own names. */
  visible(owner: Owner): Sym[] {
    const model = [...this.collected.model.values()];
    if (owner === MODEL_OWNER) return model;
    const own = [...(this.collected.guideScopes.get(owner)?.values() ?? [])];
    return [...own, ...model.filter((s) => !hiddenFromGuides(s))];
  }

  private resolve(name: Identifier, site: Site): Sym | undefined {
    const sym = this.lookup(name.name, site.owner);
    if (sym === undefined) {
      const elsewhere = [...this.collected.guideScopes.entries()].find(([, scope]) => scope.has(name.name))?.[0];
      const hint = elsewhere !== undefined
        ? `'${name.name}' is declared in guide '${elsewhere}', which only that guide can read`
        : didYouMean(name.name, this.visible(site.owner).map((s) => s.name));
      this.reporter.report('E0201', name.span, `unknown name '${name.name}'`, hint ?? 'declare it before using it');
      return undefined;
    }
    if (site.owner !== MODEL_OWNER && sym.owner === MODEL_OWNER && hiddenFromGuides(sym)) {
      this.reporter.report('E0606', name.span, `the model's ${sym.kind} '${sym.name}' is not visible in guide '${site.owner}'`,
        sym.kind === 'let' ? `recompute it in the guide with its own let` : `declare the guide's own ${sym.kind} inside the guide block`,
        [{ span: sym.span, message: `'${sym.name}' declared here` }]);
      return undefined;
    }
    const definition = sym.kind === 'dim' || sym.kind === 'const' || sym.kind === 'let';
    if (this.state.get(sym.id) === 'visiting') {
      this.reporter.report('E0204', name.span, `'${sym.name}' is defined in terms of itself`, 'break the cycle: a definition cannot use its own value, directly or through other definitions', [{ span: sym.span, message: `'${sym.name}' defined here` }]);
      return undefined;
    }
    if (definition && site.order !== undefined && sym.order > site.order) {
      const current = this.defining[this.defining.length - 1];
      if (current !== undefined && this.mentions(sym, current)) {
        this.reporter.report('E0204', name.span, `'${current.name}' and '${sym.name}' are defined in terms of each other`, 'break the cycle: a definition cannot use its own value, directly or through other definitions', [{ span: sym.span, message: `'${sym.name}' defined here` }]);
        return undefined;
      }
      this.reporter.report('E0203', name.span, `'${sym.name}' is used before its definition`, `move the definition of '${sym.name}' above this line`, [{ span: sym.span, message: `'${sym.name}' defined here` }]);
      return undefined;
    }
    this.ensure(sym, { owner: sym.owner, order: sym.order });
    return sym;
  }

  /** Check a symbol's declaration once. */
  private ensure(sym: Sym, site: Site): void {
    if (this.state.has(sym.id)) return;
    this.state.set(sym.id, 'visiting');
    this.defining.push(sym);
    const decl = this.collected.declOf.get(sym.id)!;
    const at: Site = { owner: site.owner, order: sym.order };
    switch (sym.kind) {
      case 'dim':
        if (decl.kind === 'DimDecl') sym.value = this.size(decl.value, `dim '${sym.name}'`, at);
        break;
      case 'const':
        if (decl.kind === 'ConstDecl') sym.value = this.constant(decl.value, `const '${sym.name}'`, at);
        break;
      case 'let':
        if (decl.kind === 'LetDecl') sym.expr = this.check(decl.value, at);
        break;
      case 'net':
        if (decl.kind === 'NetDecl') sym.net = checkNet(decl, this.reporter, (e, what) => this.size(e, what, at, 'E0802'));
        break;
      default:
        if (decl.kind === 'DataDecl' || decl.kind === 'LatentDecl' || decl.kind === 'ParamDecl') {
          sym.type = resolveType(decl.type, this.reporter, (e, what) => this.size(e, what, at), (e, what) => this.constant(e, what, at));
          if (sym.kind === 'param' && decl.kind === 'ParamDecl' && decl.init !== undefined && sym.type !== undefined) {
            const init = this.check(decl.init, at);
            if (init !== undefined) sym.init = checkParamInit(sym.name, sym.type, init, this.reporter);
          }
        }
    }
    this.defining.pop();
    this.state.set(sym.id, 'done');
  }

  /** Whether the definition of `from` mentions `target`, directly or through other definitions. */
  private mentions(from: Sym, target: Sym): boolean {
    const seen = new Set<string>();
    const queue = [from];
    while (queue.length > 0) {
      const s = queue.pop()!;
      if (seen.has(s.id)) continue;
      seen.add(s.id);
      const decl = this.collected.declOf.get(s.id);
      if (decl === undefined || !(decl.kind === 'DimDecl' || decl.kind === 'ConstDecl' || decl.kind === 'LetDecl')) continue;
      for (const n of namesIn(decl.value)) {
        const next = this.lookup(n, s.owner);
        if (next === undefined) continue;
        if (next.id === target.id) return true;
        queue.push(next);
      }
    }
    return false;
  }
}

/** The model's params, nets and lets belong to p; guides declare their own. */
function hiddenFromGuides(s: Sym): boolean {
  return s.owner === MODEL_OWNER && (s.kind === 'param' || s.kind === 'net' || s.kind === 'let');
}
