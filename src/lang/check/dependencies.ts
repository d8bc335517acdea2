/**
 * Which random variables an expression depends on (through lets), and the checks built on it:
 * conditioning sets (nothing omitted, nothing invented) and locality (a global factor cannot
 * read per-row values).
 */
import type { Identifier } from '../ast.js';
import type { Span } from '../span.js';
import type { Reporter } from './reporter.js';
import { describe, MODEL_OWNER, type Owner, type Sym } from './symbols.js';
import { directRefs, type TypedExpr } from './typed-expr.js';

export interface DependencyInfo {
  byId(id: string): Sym | undefined;
}

/** Symbol ids reachable from `expr` through lets (the lets themselves included). */
export function reachable(expr: TypedExpr, symbols: DependencyInfo): Set<string> {
  const out = new Set<string>();
  const visit = (e: TypedExpr): void => {
    for (const id of directRefs(e)) {
      if (out.has(id)) continue;
      out.add(id);
      const sym = symbols.byId(id);
      if (sym?.kind === 'let' && sym.expr !== undefined) visit(sym.expr);
    }
  };
  visit(expr);
  return out;
}

/**
 * Whether a conditioning set must list this symbol: latents and observed data always; covariates,
 * params and nets never (they may be listed).
 */
export function mustCondition(sym: Sym): boolean {
  return sym.kind === 'latent' || (sym.kind === 'data' && sym.role === 'observed');
}

/** The random variables (that must be conditioned on) behind a set of reachable ids, in order. */
export function randomOf(ids: Iterable<string>, symbols: DependencyInfo): string[] {
  return [...ids].filter((id) => {
    const s = symbols.byId(id);
    return s !== undefined && mustCondition(s);
  });
}

/** A per-row value: data, local latents, local params. */
function isLocal(sym: Sym): boolean {
  return sym.kind === 'data' || ((sym.kind === 'latent' || sym.kind === 'param') && sym.locality === 'local');
}

export interface ConditioningInput {
  readonly density: 'p' | 'q';
  readonly owner: Owner;
  readonly targets: readonly Sym[];
  readonly given: readonly { readonly ident: Identifier; readonly sym: Sym }[];
  /** Everything the arguments reach, through lets. */
  readonly reached: ReadonlySet<string>;
  /** The typed arguments, to point at where a dependency is used. */
  readonly args: readonly TypedExpr[];
  readonly locality: 'local' | 'global';
  readonly span: Span;
}

/** Check the conditioning set and locality of one factor; returns the random dependencies. */
export function checkConditioning(input: ConditioningInput, symbols: DependencyInfo, reporter: Reporter): string[] {
  const { targets, given, reached } = input;
  const targetIds = new Set(targets.map((t) => t.id));
  const deps = randomOf(reached, symbols).filter((id) => !targetIds.has(id));
  const at = (id: string): Span => useOf(id, input.args, symbols) ?? input.span;
  const head = `${input.density}(${targets.map((t) => t.name).join(', ')}${given.length > 0 ? ' | ' + given.map((g) => g.ident.name).join(', ') : ''})`;

  for (const t of targets) {
    if (reached.has(t.id)) {
      reporter.report('E0510', at(t.id), `the arguments of ${head} depend on its own target '${t.name}'`, 'a factor defines its target from other variables; remove the self-reference');
    }
  }
  const covered = new Set<string>();
  for (const { ident, sym } of given) {
    if (targetIds.has(sym.id)) {
      reporter.report('E0510', ident.span, `'${sym.name}' is both the target and in the conditioning set of ${head}`, `remove '${sym.name}' after '|'`);
      continue;
    }
    let stands: string[];
    if (mustCondition(sym)) stands = [sym.id];
    else if (sym.kind === 'let') stands = randomOf(sym.expr === undefined ? [] : reachable(sym.expr, symbols), symbols);
    else continue; // covariates, params and nets may be listed
    stands.forEach((id) => covered.add(id));
    if (!stands.some((id) => reached.has(id))) {
      reporter.report('E0504', ident.span, `${head} lists '${sym.name}', but its arguments do not depend on ${sym.kind === 'let' ? 'it or the variables it is computed from' : 'it'}`, `remove '${sym.name}' from the conditioning set`);
    }
  }
  const missing = deps.filter((id) => !covered.has(id));
  if (missing.length > 0) {
    const names = missing.map((id) => symbols.byId(id)!.name);
    const written = [...given.map((g) => g.ident.name), ...names];
    const via = missing.map((id) => throughLet(id, reached, symbols)).find((x) => x !== undefined);
    reporter.report('E0503', at(missing[0]!),
      `the arguments of ${head} depend on ${names.map((n) => `'${n}'`).join(', ')}${via === undefined ? '' : ` (through '${via}')`}, missing from its conditioning set`,
      `write ${input.density}(${targets.map((t) => t.name).join(', ')} | ${written.join(', ')})`);
  }
  if (input.locality === 'global') {
    const local = [...reached].map((id) => symbols.byId(id)).find((s): s is Sym => s !== undefined && isLocal(s));
    if (local !== undefined) {
      const target = targets[0]!;
      reporter.report('E0701', at(local.id),
        `${head} is a factor for the global ${target.kind} '${target.name}' (one value for all rows), but it depends on the per-row ${describe(local)}`,
        input.owner === MODEL_OWNER
          ? `declare '${target.name}' as a local latent, or make the factor independent of '${local.name}'`
          : `a guide for a global latent cannot read a data row; drop '${local.name}' or make '${target.name}' local`);
    }
  }
  return deps;
}

/** The span of the first reference in `args` that reads `id`, directly or through a let. */
function useOf(id: string, args: readonly TypedExpr[], symbols: DependencyInfo): Span | undefined {
  const reads = (e: TypedExpr): boolean => {
    if (e.op !== 'ref') return false;
    if (e.id === id) return true;
    const s = symbols.byId(e.id);
    return s?.kind === 'let' && s.expr !== undefined && reachable(s.expr, symbols).has(id);
  };
  const find = (e: TypedExpr): Span | undefined => {
    if (reads(e)) return e.span;
    switch (e.op) {
      case 'neg': case 'elementwise': return find(e.arg);
      case 'binary': return find(e.left) ?? find(e.right);
      case 'axis': return first(e.args);
      case 'net': return find(e.input);
      case 'index': return find(e.target) ?? first(e.items.flatMap((i) => (i.kind === 'gather' ? [i.index] : [])));
      case 'vector': return first(e.elements);
      default: return undefined;
    }
  };
  const first = (es: readonly TypedExpr[]): Span | undefined => {
    for (const e of es) {
      const span = find(e);
      if (span !== undefined) return span;
    }
    return undefined;
  };
  return first(args);
}

/** A let through which `id` is reached, for messages. */
function throughLet(id: string, reached: ReadonlySet<string>, symbols: DependencyInfo): string | undefined {
  for (const other of reached) {
    const s = symbols.byId(other);
    if (s?.kind === 'let' && s.expr !== undefined && reachable(s.expr, symbols).has(id)) return s.name;
  }
  return undefined;
}
