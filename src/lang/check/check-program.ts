/**
 * The checker's driver: collect symbols, check declarations, factors, the model's structure
 * (every latent has one prior, no variable has two factors, no cycles), guides and the infer
 * block, then assemble the `CheckedModel`.
 */
import type { FactorDecl, Program } from '../ast.js';
import { hasErrors, type Diagnostic } from '../diagnostics.js';
import type { SourceFile } from '../span.js';
import type { CheckedFactor, CheckedGuide, CheckedModel } from './checked-model.js';
import { collect, type Collected } from './collect.js';
import { reachable } from './dependencies.js';
import { checkFactor } from './factor.js';
import type { FamilyRegistry } from './family-registry.js';
import { checkCoverage, checkGuide } from './guides.js';
import { checkInfer } from './infer-settings.js';
import { Reporter } from './reporter.js';
import { Resolver } from './resolver.js';
import { MODEL_OWNER, type LatentSymbol, type Sym } from './symbols.js';

/**
 * Check `program` against a family registry. Returns the checked model only when there are no
 * errors; diagnostics (errors and warnings) come in source order.
 */
export function checkProgramWith(program: Program, file: SourceFile, families: FamilyRegistry): { model?: CheckedModel; diagnostics: Diagnostic[] } {
  const reporter = new Reporter(file);
  const collected = collect(program, reporter);
  markObserved(collected);
  const resolver = new Resolver(collected, reporter, (name) => families.get(name) !== undefined);
  resolver.checkAll();

  checkFactorCounts(collected, reporter);
  const factors = new Map<string, CheckedFactor>();
  for (const { decl, owner } of collected.factors) {
    const f = checkFactor(decl, owner, resolver, families);
    if (f !== undefined && !factors.has(f.id)) factors.set(f.id, f);
  }
  const priorOf = new Map<string, string>();
  for (const f of factors.values()) if (f.owner === MODEL_OWNER) for (const t of f.targets) priorOf.set(t, f.id);
  for (const owner of [MODEL_OWNER, ...collected.guideScopes.keys()]) {
    checkCycles([...factors.values()].filter((f) => f.owner === owner), owner, collected, reporter);
  }

  const latents = [...collected.model.values()].filter((s): s is LatentSymbol => s.kind === 'latent');
  const guides: CheckedGuide[] = [];
  for (const decl of collected.guides) {
    if (decl.body.kind === 'Written') {
      const own = collected.factors.filter((f) => f.owner === decl.name.name && f.decl.density === 'q').map((f) => f.decl);
      checkCoverage(decl, own, latents, reporter);
    }
    const own = [...factors.values()].filter((f) => f.owner === decl.name.name);
    const g = checkGuide(decl, own, resolver);
    if (g !== undefined) guides.push(g);
  }
  const infer = checkInfer(collected.infers, collected.guides.map((g) => g.name.name), reporter, (e, what) => resolver.constant(e, what, { owner: MODEL_OWNER }));

  if (hasErrors(reporter.diagnostics)) return { diagnostics: reporter.sorted() };
  warnUnused(collected, factors, reporter);
  const dims: Record<string, number> = {};
  const consts: Record<string, number> = {};
  for (const s of collected.model.values()) {
    if (s.kind === 'dim' && s.value !== undefined) dims[s.name] = s.value;
    if (s.kind === 'const' && s.value !== undefined) consts[s.name] = s.value;
  }
  const model: CheckedModel = {
    name: program.name.name,
    file,
    dims,
    consts,
    symbols: collected.byId,
    factors,
    priorOf,
    guides,
    infer,
  };
  return { model, diagnostics: reporter.sorted() };
}

/** Data targeted by a model factor are observed; the rest are covariates. */
function markObserved(collected: Collected): void {
  for (const { decl, owner } of collected.factors) {
    if (owner !== MODEL_OWNER || decl.density !== 'p') continue;
    for (const t of decl.targets) {
      const sym = collected.model.get(t.name);
      if (sym?.kind === 'data') sym.role = 'observed';
    }
  }
}

/** Every latent has exactly one prior; no variable has two model factors. Counted on the AST so failed factors still count. */
function checkFactorCounts(collected: Collected, reporter: Reporter): void {
  const first = new Map<string, FactorDecl>();
  for (const { decl, owner } of collected.factors) {
    if (owner !== MODEL_OWNER || decl.density !== 'p') continue;
    for (const t of decl.targets) {
      const previous = first.get(t.name);
      if (previous === undefined) {
        first.set(t.name, decl);
        continue;
      }
      const sym = collected.model.get(t.name);
      const what = sym?.kind === 'data' ? 'observed variable' : (sym?.kind ?? 'variable');
      reporter.report('E0502', decl.span, `${what} '${t.name}' has a second factor`, `merge both into one factor for '${t.name}', or give the second its own variable`, [{ span: previous.span, message: 'first factor here' }]);
    }
  }
  for (const sym of collected.model.values()) {
    if (sym.kind === 'latent' && !first.has(sym.name)) {
      reporter.report('E0501', sym.span, `latent '${sym.name}' has no prior`, `add a factor p(${sym.name}) = … (with '|' and what it depends on), or declare it a param if it should be point-estimated`);
    }
  }
}

/** The model's factors (and each guide's) must form a DAG over the variables they define. */
function checkCycles(factors: readonly CheckedFactor[], owner: string, collected: Collected, reporter: Reporter): void {
  const byTarget = new Map<string, CheckedFactor>();
  for (const f of factors) for (const t of f.targets) byTarget.set(t, f);
  const state = new Map<string, 'open' | 'done'>();
  const reported = new Set<CheckedFactor>();
  const visit = (id: string, path: string[]): void => {
    const f = byTarget.get(id);
    if (f === undefined || state.get(id) === 'done') return;
    if (state.get(id) === 'open') {
      const cycle = [...path.slice(path.indexOf(id)), id].map((x) => `'${collected.byId.get(x)?.name ?? x}'`);
      if (!reported.has(f)) {
        reported.add(f);
        const whose = owner === MODEL_OWNER ? "the model's factors" : `the q factors of guide '${owner}'`;
        reporter.report('E0204', f.span, `${whose} depend on each other in a cycle: ${cycle.join(' → ')}`, 'a directed model needs an order: make one of these variables independent of the others');
      }
      return;
    }
    state.set(id, 'open');
    for (const d of f.dependsOn) visit(d, [...path, id]);
    state.set(id, 'done');
  };
  for (const id of byTarget.keys()) visit(id, []);
}

/** W0201 for data, params, nets and lets that no factor uses. */
function warnUnused(collected: Collected, factors: ReadonlyMap<string, CheckedFactor>, reporter: Reporter): void {
  const used = new Set<string>();
  for (const f of factors.values()) {
    f.targets.forEach((t) => used.add(t));
    for (const arg of Object.values(f.args)) reachable(arg, { byId: (id) => collected.byId.get(id) }).forEach((id) => used.add(id));
  }
  for (const s of collected.byId.values()) {
    if ((s.kind === 'data' || s.kind === 'param' || s.kind === 'net' || s.kind === 'let') && !used.has(s.id)) {
      reporter.report('W0201', s.span, `${kindName(s)} '${s.name}' is never used by any factor`, 'remove it, or use it in a factor');
    }
  }
}

function kindName(s: Sym): string {
  return s.owner === MODEL_OWNER ? s.kind : `guide ${s.kind}`;
}
