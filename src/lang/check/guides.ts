/**
 * Guides: a written guide must give every latent exactly one q factor; an automatic guide must
 * name a known strategy with valid options.
 */
import type { Arg, FactorDecl, GuideDecl } from '../ast.js';
import type { AutoGuideOptions, AutoGuideStrategy, CheckedFactor, CheckedGuide } from './checked-model.js';
import type { Reporter } from './reporter.js';
import type { Resolver } from './resolver.js';
import { didYouMean } from '../suggest.js';
import { MODEL_OWNER, type LatentSymbol } from './symbols.js';

const STRATEGIES: readonly AutoGuideStrategy[] = ['meanfield', 'fullrank', 'amortized', 'delta'];
const OPTIONS: Readonly<Record<AutoGuideStrategy, readonly string[]>> = {
  meanfield: ['init_scale'],
  fullrank: ['init_scale'],
  amortized: ['hidden', 'activation'],
  delta: [],
};
const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'softplus', 'elu', 'identity'];

/** Check one guide (coverage is checked separately); `factors` are its checked q factors, in source order. */
export function checkGuide(decl: GuideDecl, factors: readonly CheckedFactor[], resolver: Resolver): CheckedGuide | undefined {
  const name = decl.name.name;
  const body = decl.body;
  if (body.kind === 'Auto') return checkAuto(decl, body.strategy.name, body.strategy.span, body.options, resolver);
  const covers: Record<string, string> = {};
  for (const f of factors) for (const t of f.targets) covers[t] ??= f.id;
  return {
    kind: 'written',
    name,
    span: decl.span,
    factors: factors.map((f) => f.id),
    covers,
    symbols: [...(resolver.collected.guideScopes.get(name)?.values() ?? [])].map((s) => s.id),
  };
}

/**
 * Each latent gets exactly one q factor in a written guide. Counted on the AST (`factors` are the
 * guide's factor declarations), so that factors with other errors still count.
 */
export function checkCoverage(decl: GuideDecl, factors: readonly FactorDecl[], latents: readonly LatentSymbol[], reporter: Reporter): void {
  const guide = decl.name.name;
  const first = new Map<string, FactorDecl>();
  for (const f of factors) {
    for (const t of f.targets) {
      const previous = first.get(t.name);
      if (previous === undefined) first.set(t.name, f);
      else reporter.report('E0602', f.span, `guide '${guide}' gives latent '${t.name}' a second q factor`, `keep one q(${t.name} | …) in guide '${guide}'`, [{ span: previous.span, message: 'first q factor here' }]);
    }
  }
  for (const l of latents.filter((x) => !first.has(x.name))) {
    reporter.report('E0601', decl.name.span, `guide '${guide}' has no q factor for latent '${l.name}'`, `add q(${l.name}) = … (with '|' and what it depends on) to guide '${guide}'`, [{ span: l.span, message: `'${l.name}' declared here` }]);
  }
}

function checkAuto(decl: GuideDecl, strategy: string, span: GuideDecl['span'], options: readonly Arg[], resolver: Resolver): CheckedGuide | undefined {
  const { reporter } = resolver;
  if (!(STRATEGIES as readonly string[]).includes(strategy)) {
    reporter.report('E0604', span, `unknown automatic guide '${strategy}'`, didYouMean(strategy, STRATEGIES) ?? `automatic guides are ${STRATEGIES.join(', ')}`);
    return undefined;
  }
  const kind = strategy as AutoGuideStrategy;
  const allowed = OPTIONS[kind];
  const out: { hidden?: number[]; activation?: string; initScale?: number } = {};
  const seen = new Set<string>();
  let ok = true;
  const fail = (at: Arg['span'], message: string, hint: string): void => {
    reporter.report('E0605', at, message, hint);
    ok = false;
  };
  for (const option of options) {
    const key = option.name?.name;
    if (key === undefined || !allowed.includes(key)) {
      const hint = key === undefined ? undefined : didYouMean(key, allowed);
      fail(option.span, key === undefined ? `options of '${kind}' must be named` : `'${kind}' has no option '${key}'`, hint ?? (allowed.length > 0 ? `its options are ${allowed.join(', ')}` : `'${kind}' takes no options`));
      continue;
    }
    if (seen.has(key)) {
      fail(option.span, `option '${key}' is given twice`, 'give it once');
      continue;
    }
    seen.add(key);
    if (key === 'activation') {
      const v = option.value.kind === 'Name' ? option.value.name : undefined;
      if (v === undefined || !ACTIVATIONS.includes(v)) fail(option.value.span, `unknown activation${v === undefined ? '' : ` '${v}'`}`, (v && didYouMean(v, ACTIVATIONS)) ?? `activations are ${ACTIVATIONS.join(', ')}`);
      else out.activation = v;
      continue;
    }
    const typed = resolver.check(option.value, { owner: MODEL_OWNER });
    if (typed === undefined) {
      ok = false;
      continue;
    }
    const c = typed.constant;
    if (key === 'hidden') {
      const widths = typeof c === 'number' ? [c] : Array.isArray(c) && c.every((x) => typeof x === 'number') ? (c as number[]) : undefined;
      if (widths === undefined || widths.some((w) => !Number.isInteger(w) || w < 1)) fail(option.value.span, 'hidden must be a list of positive integer widths', 'e.g. hidden = [400] or hidden = [256, 128]');
      else out.hidden = widths;
    } else if (typeof c !== 'number' || !(c > 0)) {
      fail(option.value.span, `${key} must be a positive number`, `e.g. ${key} = 0.1`);
    } else out.initScale = c;
  }
  if (!ok) return undefined;
  return { kind: 'auto', name: decl.name.name, span: decl.span, strategy: kind, options: out as AutoGuideOptions };
}
