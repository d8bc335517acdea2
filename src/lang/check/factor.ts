/**
 * Checking one factor `p(targets | given) = Family(args)`: its targets, family, arguments
 * (binding, shapes, constraints), support against the declared type, event shape, conditioning
 * set and locality.
 */
import type { FactorDecl, Identifier, Locality } from '../ast.js';
import type { FamilyDescription, SupportQuery } from '../../distributions/family.js';
import type { Constraint } from '../../distributions/constraints/index.js';
import { broadcastShapes, formatShape, sameShape } from '../../distributions/shapes.js';
import type { Span } from '../span.js';
import { checkArgumentConstraint } from './argument-constraint.js';
import type { CheckedFactor } from './checked-model.js';
import { checkConditioning, reachable } from './dependencies.js';
import { bindArguments } from './factor-args.js';
import type { FamilyRegistry } from './family-registry.js';
import type { Resolver } from './resolver.js';
import { didYouMean } from '../suggest.js';
import { sameAlmostEverywhere } from './support-match.js';
import { MODEL_OWNER, type DataSymbol, type LatentSymbol, type Owner, type ParamSymbol, type Sym } from './symbols.js';
import { kindWithConstraint, type ValueType } from './value-type.js';
import type { TypedExpr } from './typed-expr.js';

/** What a factor's targets look like together. */
interface TargetInfo {
  readonly syms: readonly (DataSymbol | LatentSymbol | ParamSymbol)[];
  readonly shape: number[];
  readonly constraint: Constraint;
  readonly locality: Locality;
}

/** Check one factor owned by the model or a guide; `undefined` after reporting its errors. */
export function checkFactor(decl: FactorDecl, owner: Owner, resolver: Resolver, families: FamilyRegistry): CheckedFactor | undefined {
  const { reporter } = resolver;
  const inGuide = owner !== MODEL_OWNER;
  if ((decl.density === 'q') !== inGuide) {
    reporter.report('E0603', decl.span, inGuide ? `guide '${owner}' contains a p(…) factor` : 'a q(…) factor outside a guide',
      inGuide ? 'guides are written with q(…) factors; model factors go outside the guide block' : 'put q(…) factors inside a guide block: guide name { q(…) = … }');
    return undefined;
  }
  const env = resolver.env({ owner });
  const targets = checkTargets(decl, owner, resolver);
  const given: { ident: Identifier; sym: Sym }[] = [];
  for (const ident of decl.given) {
    const sym = env.resolve(ident);
    if (sym !== undefined) given.push({ ident, sym });
  }
  const callee = decl.distribution.callee;
  const family = families.get(callee.name);
  // Without a family or a binding, still check the argument expressions for their own errors.
  const checkArgsAlone = (): undefined => {
    for (const a of decl.distribution.args) resolver.check(a.value, { owner });
    return undefined;
  };
  if (family === undefined) {
    reporter.report('E0207', callee.span, `unknown distribution '${callee.name}'`, didYouMean(callee.name, families.names()) ?? `known families: ${families.names().join(', ')}`);
    return checkArgsAlone();
  }
  const bound = bindArguments(family, decl.distribution.args, reporter, decl.distribution.span);
  if (bound === undefined) return checkArgsAlone();
  if (targets === undefined || given.length !== decl.given.length) return undefined;
  const args: Record<string, TypedExpr> = {};
  let argsOk = true;
  for (const p of family.params) {
    const arg = bound.get(p.name);
    if (arg === undefined) {
      if (p.default !== undefined && !(family.oneOf ?? []).some((g) => g.includes(p.name))) {
        args[p.name] = { op: 'const', rowShape: [], locality: 'global', dtype: 'float', constant: p.default, span: decl.distribution.span };
      }
      continue;
    }
    const typed = resolver.check(arg.value, { owner });
    if (typed === undefined) argsOk = false;
    else args[p.name] = typed;
  }
  if (!argsOk) return undefined;

  const shapes = checkShapes(decl, family, args, targets, resolver);
  if (shapes === undefined) return undefined;
  for (const p of family.params) {
    const arg = args[p.name];
    if (arg !== undefined && bound.has(p.name)) {
      checkArgumentConstraint(arg, { param: p.name, family: family.name, constraint: p.constraint }, resolver, reporter);
    }
  }
  checkSupport(decl, family, shapes.query, targets, families, resolver);

  const reached = new Set<string>();
  for (const arg of Object.values(args)) reachable(arg, resolver).forEach((id) => reached.add(id));
  const dependsOn = checkConditioning(
    { density: decl.density, owner, targets: targets.syms, given, reached, args: Object.values(args), locality: targets.locality, span: decl.span },
    resolver,
    reporter,
  );
  const targetIds = targets.syms.map((s) => s.id);
  return {
    id: `${decl.density === 'p' ? 'p' : `q:${owner}`}:${targetIds.join(',')}`,
    density: decl.density,
    owner,
    targets: targetIds,
    given: given.map((g) => g.sym.id),
    dependsOn,
    family,
    args,
    targetShape: targets.shape,
    batchShape: shapes.batch,
    eventShape: shapes.event,
    locality: targets.locality,
    span: decl.span,
  };
}

/** Resolve targets: latents, data or params in the model; latents in guides. Joint targets are concatenated on the last axis. */
function checkTargets(decl: FactorDecl, owner: Owner, resolver: Resolver): TargetInfo | undefined {
  const { reporter } = resolver;
  const env = resolver.env({ owner });
  const targets: { sym: DataSymbol | LatentSymbol | ParamSymbol; type: ValueType; locality: Locality }[] = [];
  for (const ident of decl.targets) {
    const sym = env.resolve(ident);
    if (sym === undefined) return undefined;
    const allowed = decl.density === 'q' ? sym.kind === 'latent' : sym.kind === 'latent' || sym.kind === 'data' || sym.kind === 'param';
    if (!allowed || sym.owner !== MODEL_OWNER) {
      reporter.report('E0509', ident.span, `'${sym.name}' is a ${sym.owner === MODEL_OWNER ? '' : 'guide '}${sym.kind}; ${decl.density}(…) factors define ${decl.density === 'q' ? 'latents' : 'latents, data and params'}`,
        sym.owner !== MODEL_OWNER
          ? `q factors approximate the model's latents; '${sym.name}' is a variational parameter, fitted by optimization`
          : sym.kind === 'let' || sym.kind === 'dim' || sym.kind === 'const'
            ? `'${sym.name}' is determined by its definition; give the variables it is computed from a factor instead`
            : `declare '${sym.name}' as a latent`);
      return undefined;
    }
    if ((sym.kind !== 'latent' && sym.kind !== 'data' && sym.kind !== 'param') || sym.type === undefined) return undefined;
    targets.push({ sym, type: sym.type, locality: sym.kind === 'data' ? 'local' : sym.locality });
  }
  const syms = targets.map((t) => t.sym);
  const first = targets[0]!;
  if (targets.length === 1) return { syms, shape: [...first.type.shape], constraint: first.type.constraint, locality: first.locality };
  // A joint factor: same locality, kind and leading shape; concatenated along the last axis.
  const lead = (t: ValueType): readonly number[] => t.shape.slice(0, -1);
  const odd = targets.find((t) => t.locality !== first.locality || !t.type.constraint.equals(first.type.constraint) || t.type.constraint.eventRank > 0 || !sameShape(lead(t.type), lead(first.type)));
  if (odd !== undefined) {
    reporter.report('E0511', decl.span, `the targets of a joint factor must share locality, kind and leading shape, but '${odd.sym.name}' differs from '${first.sym.name}'`, 'give each target its own factor');
    return undefined;
  }
  const width = targets.reduce((n, t) => n + (t.type.shape[t.type.shape.length - 1] ?? 1), 0);
  return { syms, shape: [...lead(first.type), width], constraint: first.type.constraint, locality: first.locality };
}

/** Argument shapes against the target's batch shape, and the family's event shape against its trailing dims. */
function checkShapes(decl: FactorDecl, family: FamilyDescription, args: Record<string, TypedExpr>, targets: TargetInfo, resolver: Resolver) {
  const { reporter } = resolver;
  const eventShapes: Record<string, number[]> = {};
  const constants: Record<string, number | undefined> = {};
  for (const p of family.params) {
    const arg = args[p.name];
    if (arg === undefined) continue;
    if (arg.rowShape.length < p.eventRank) {
      reporter.report('E0310', arg.span, `'${p.name}' of ${family.name} needs at least ${p.eventRank} ax${p.eventRank === 1 ? 'is' : 'es'}, got shape ${formatShape(arg.rowShape)}`, p.eventRank === 1 ? 'pass a vector' : 'pass a matrix');
      return undefined;
    }
    eventShapes[p.name] = arg.rowShape.slice(arg.rowShape.length - p.eventRank);
    if (typeof arg.constant === 'number') constants[p.name] = arg.constant;
  }
  const query: SupportQuery = { eventShapes, constants };
  let event: number[];
  try {
    event = family.eventShape(query);
  } catch (e) {
    reporter.report('E0311', decl.distribution.span, `inconsistent arguments to ${family.name}: ${(e as Error).message}`, 'make the parameter sizes agree');
    return undefined;
  }
  const shape = targets.shape;
  const tail = shape.slice(shape.length - event.length);
  if (event.length > shape.length || !sameShape(tail, event)) {
    reporter.report('E0311', decl.distribution.span, `${family.name}(…) draws events of shape ${formatShape(event)}, but ${targetNames(targets)} has shape ${formatShape(shape)}`,
      event.length === 0 ? 'a scalar family broadcasts over any shape; check the declared type' : `declare the target with trailing size${event.length === 1 ? '' : 's'} ${formatShape(event)}, or change the arguments' sizes`);
    return undefined;
  }
  const batch = shape.slice(0, shape.length - event.length);
  for (const p of family.params) {
    const arg = args[p.name];
    if (arg === undefined) continue;
    const argBatch = arg.rowShape.slice(0, arg.rowShape.length - p.eventRank);
    const b = broadcastShapes(argBatch, batch);
    if (b === undefined || !sameShape(b, batch)) {
      reporter.report('E0310', arg.span, `'${p.name}' of ${family.name} has shape ${formatShape(arg.rowShape)}, which does not fit ${targetNames(targets)} of shape ${formatShape(shape)}`,
        `the argument${p.eventRank > 0 ? ` (without its last ${p.eventRank} ax${p.eventRank === 1 ? 'is' : 'es'})` : ''} must broadcast to ${formatShape(batch)}`);
      return undefined;
    }
  }
  return { query, event, batch };
}

function targetNames(t: TargetInfo): string {
  return t.syms.map((s) => `'${s.name}'`).join(', ');
}

/** The family's support against the declared type: equal for model factors, contained for guides. */
function checkSupport(decl: FactorDecl, family: FamilyDescription, query: SupportQuery, targets: TargetInfo, families: FamilyRegistry, resolver: Resolver): void {
  let support: Constraint;
  try {
    support = family.support(query);
  } catch (e) {
    resolver.reporter.report('E0311', decl.distribution.span, `inconsistent arguments to ${family.name}: ${(e as Error).message}`, 'make the parameter sizes agree');
    return;
  }
  const declared = targets.constraint;
  const target = targets.syms.map((s) => s.name).join(', ');
  const isData = targets.syms[0]!.kind === 'data';
  const hint = (): string => {
    const alternatives = families.withSupport(declared).filter((n) => n !== family.name).slice(0, 3);
    const use = alternatives.length > 0 ? `use ${alternatives.map((n) => `${n}(…)`).join(', ').replace(/, ([^,]*)$/, ' or $1')}` : `use a family whose support is ${declared.toString()}`;
    // Data declared wider than a continuous support: the declaration is what is off.
    const narrower = isData && declared.contains(support) ? kindWithConstraint(support) : undefined;
    return narrower === undefined ? use : `declare '${target}' as ${narrower}, or ${use}`;
  };
  const span: Span = decl.distribution.callee.span;
  // Observed data may be declared wider than a discrete support whose bounds come from the
  // arguments (Binomial(10, p) for `k : count`): every value the model generates is still a `count`.
  const dataSubset = isData && support.isDiscrete && declared.isDiscrete && declared.contains(support);
  if (decl.density === 'p' && !sameAlmostEverywhere(declared, support) && !dataSubset) {
    resolver.reporter.report('E0401', span, `${family.name} has support ${support.toString()}, but '${target}' is declared ${describeType(targets)} (${declared.toString()})`, hint());
  }
  if (decl.density === 'q' && !declared.contains(support) && !sameAlmostEverywhere(declared, support)) {
    resolver.reporter.report('E0402', span, `the guide proposes ${family.name} values in ${support.toString()}, outside the support ${declared.toString()} of '${target}'`, hint());
  }
}

function describeType(t: TargetInfo): string {
  return t.syms[0]!.type?.kind ?? '?';
}
