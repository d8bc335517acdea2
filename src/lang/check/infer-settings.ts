/**
 * The `infer { … }` block: inference defaults, validated key by key. Values are read
 * structurally (a bare name, a number, or a call such as `adam(lr = 1e-3)`), never evaluated
 * as model expressions.
 */
import type { Arg, Expr, InferDecl } from '../ast.js';
import type { Span } from '../span.js';
import type { Reporter } from './reporter.js';
import { didYouMean } from '../suggest.js';

export type InferMethod = 'svi' | 'meanfield' | 'fullrank' | 'map' | 'em';

export type Objective =
  | { readonly kind: 'elbo' }
  | { readonly kind: 'iwae'; readonly k: number }
  | { readonly kind: 'beta'; readonly beta: number }
  | { readonly kind: 'infovae'; readonly lambda: number; readonly alpha: number };

export interface Optimizer {
  readonly kind: 'adam' | 'sgd' | 'rmsprop';
  /** The learning rate; the engine's default when absent. */
  readonly lr?: number;
}

export interface InferSettings {
  readonly method?: InferMethod;
  readonly guide?: string;
  readonly objective?: Objective;
  readonly optimizer?: Optimizer;
  readonly samples?: number;
  readonly batch?: number;
  readonly epochs?: number;
  readonly iters?: number;
  readonly seed?: number;
}

const METHODS: readonly InferMethod[] = ['svi', 'meanfield', 'fullrank', 'map', 'em'];
const OBJECTIVES = ['elbo', 'iwae', 'beta', 'infovae'] as const;
const OPTIMIZERS = ['adam', 'sgd', 'rmsprop'] as const;
const COUNTS = ['samples', 'batch', 'epochs', 'iters', 'seed'] as const;
const KEYS = ['method', 'guide', 'objective', 'optimizer', ...COUNTS];

/** Folds a numeric setting (numbers, dims, consts and arithmetic), reporting non-constants. */
export type ConstantOf = (e: Expr, what: string) => number | undefined;

/**
 * Validate the infer blocks (at most one) against the declared guide names.
 * Returns the settings that were valid; every problem is reported.
 */
export function checkInfer(
  blocks: readonly InferDecl[],
  guideNames: readonly string[],
  reporter: Reporter,
  constant: ConstantOf,
): InferSettings {
  for (const extra of blocks.slice(1)) {
    reporter.report('E0907', extra.span, 'a model has at most one infer block', 'merge the settings into the first infer block', [{ span: blocks[0]!.span, message: 'first infer block' }]);
  }
  const block = blocks[0];
  if (block === undefined) return {};
  const out: Record<string, unknown> = {};
  const seen = new Map<string, Span>();
  for (const setting of block.settings) {
    const key = setting.key.name;
    const first = seen.get(key);
    if (first !== undefined) {
      reporter.report('E0907', setting.key.span, `'${key}' is set twice`, 'keep one of the settings', [{ span: first, message: 'first set here' }]);
      continue;
    }
    seen.set(key, setting.key.span);
    const value = setting.value;
    switch (key) {
      case 'method': {
        const m = bareName(value);
        if (m === undefined || !(METHODS as readonly string[]).includes(m)) {
          reporter.report('E0902', value.span, `invalid method${m === undefined ? '' : ` '${m}'`}`, (m && didYouMean(m, METHODS)) ?? `method is one of ${METHODS.join(', ')}`);
        } else out.method = m;
        break;
      }
      case 'guide': {
        const g = bareName(value);
        if (g === undefined || !guideNames.includes(g)) {
          const hint = g === undefined ? undefined : didYouMean(g, guideNames);
          reporter.report('E0903', value.span, g === undefined ? 'guide must be the name of a guide' : `unknown guide '${g}'`, hint ?? (guideNames.length > 0 ? `declared guides: ${guideNames.join(', ')}` : 'declare a guide, e.g. guide mf = meanfield'));
        } else out.guide = g;
        break;
      }
      case 'objective': {
        const o = objective(value, reporter, constant);
        if (o !== undefined) out.objective = o;
        break;
      }
      case 'optimizer': {
        const o = optimizer(value, reporter, constant);
        if (o !== undefined) out.optimizer = o;
        break;
      }
      case 'samples': case 'batch': case 'epochs': case 'iters': case 'seed': {
        const v = constant(value, `'${key}'`);
        if (v === undefined) break;
        const ok = Number.isInteger(v) && (key === 'seed' ? v >= 0 : v >= 1);
        if (!ok) {
          reporter.report('E0906', value.span, `'${key}' must be a ${key === 'seed' ? 'non-negative' : 'positive'} integer, got ${v}`, key === 'seed' ? 'e.g. seed = 0' : `e.g. ${key} = ${key === 'batch' ? 128 : 10}`);
        } else out[key] = v;
        break;
      }
      default:
        reporter.report('E0901', setting.key.span, `unknown infer setting '${key}'`, didYouMean(key, KEYS) ?? `settings are ${KEYS.join(', ')}`);
    }
  }
  return out as InferSettings;
}

function bareName(e: Expr): string | undefined {
  return e.kind === 'Name' ? e.name : undefined;
}

/** Named and positional arguments of a setting call, as folded numbers keyed by name. */
function callArgs(
  args: readonly Arg[],
  names: readonly string[],
  what: string,
  code: string,
  reporter: Reporter,
  constant: ConstantOf,
): Record<string, number> | undefined {
  const out: Record<string, number> = {};
  let ok = true;
  for (const [i, arg] of args.entries()) {
    const name = arg.name?.name ?? names[i];
    if (name === undefined || !names.includes(name)) {
      const hint = arg.name === undefined ? undefined : didYouMean(arg.name.name, names);
      reporter.report(code, arg.span, arg.name === undefined ? `too many arguments to ${what}` : `${what} has no argument '${arg.name.name}'`, hint ?? (names.length > 0 ? `its arguments are ${names.join(', ')}` : `${what} takes no arguments`));
      ok = false;
      continue;
    }
    if (out[name] !== undefined) {
      reporter.report(code, arg.span, `'${name}' is given twice to ${what}`, 'give each argument once');
      ok = false;
      continue;
    }
    const v = constant(arg.value, `'${name}' of ${what}`);
    if (v === undefined) ok = false;
    else out[name] = v;
  }
  return ok ? out : undefined;
}

function objective(e: Expr, reporter: Reporter, constant: ConstantOf): Objective | undefined {
  const name = e.kind === 'Name' ? e.name : e.kind === 'Call' ? e.callee.name : undefined;
  const form = 'objective is elbo, iwae(K), beta(B) or infovae(lambda = …, alpha = …)';
  if (name === undefined || !(OBJECTIVES as readonly string[]).includes(name)) {
    reporter.report('E0904', e.span, `invalid objective${name === undefined ? '' : ` '${name}'`}`, (name && didYouMean(name, OBJECTIVES)) ?? form);
    return undefined;
  }
  const args = e.kind === 'Call' ? e.args : [];
  const need: Record<string, readonly string[]> = { elbo: [], iwae: ['K'], beta: ['B'], infovae: ['lambda', 'alpha'] };
  const parsed = callArgs(args, need[name]!, `'${name}'`, 'E0904', reporter, constant);
  if (parsed === undefined) return undefined;
  const missing = need[name]!.filter((n) => parsed[n] === undefined);
  if (missing.length > 0) {
    reporter.report('E0904', e.span, `'${name}' needs ${missing.map((m) => `'${m}'`).join(' and ')}`, form);
    return undefined;
  }
  switch (name) {
    case 'elbo': return { kind: 'elbo' };
    case 'iwae': {
      const k = parsed.K!;
      if (!Number.isInteger(k) || k < 1) {
        reporter.report('E0904', e.span, `iwae(K) needs an integer K ≥ 1, got ${k}`, 'e.g. iwae(5)');
        return undefined;
      }
      return { kind: 'iwae', k };
    }
    case 'beta': {
      const beta = parsed.B!;
      if (!(beta > 0)) {
        reporter.report('E0904', e.span, `beta(B) needs B > 0, got ${beta}`, 'e.g. beta(4)');
        return undefined;
      }
      return { kind: 'beta', beta };
    }
    default: {
      const { lambda, alpha } = parsed as { lambda: number; alpha: number };
      if (!(lambda > 0)) {
        reporter.report('E0904', e.span, `infovae needs lambda > 0, got ${lambda}`, 'e.g. infovae(lambda = 1000, alpha = 0)');
        return undefined;
      }
      return { kind: 'infovae', lambda, alpha };
    }
  }
}

function optimizer(e: Expr, reporter: Reporter, constant: ConstantOf): Optimizer | undefined {
  const name = e.kind === 'Name' ? e.name : e.kind === 'Call' ? e.callee.name : undefined;
  if (name === undefined || !(OPTIMIZERS as readonly string[]).includes(name)) {
    reporter.report('E0905', e.span, `invalid optimizer${name === undefined ? '' : ` '${name}'`}`, (name && didYouMean(name, OPTIMIZERS)) ?? 'optimizer is adam(lr = …), sgd(lr = …) or rmsprop(lr = …)');
    return undefined;
  }
  const parsed = callArgs(e.kind === 'Call' ? e.args : [], ['lr'], `'${name}'`, 'E0905', reporter, constant);
  if (parsed === undefined) return undefined;
  const kind = name as Optimizer['kind'];
  if (parsed.lr === undefined) return { kind };
  if (!(parsed.lr > 0)) {
    reporter.report('E0905', e.span, `the learning rate must be positive, got ${parsed.lr}`, `e.g. ${name}(lr = 1e-3)`);
    return undefined;
  }
  return { kind, lr: parsed.lr };
}
