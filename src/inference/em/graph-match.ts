/**
 * Reading the model's IR for the patterns EM has closed forms for: which parameter an argument
 * is (`mu`), which parameter an argument gathers by a discrete latent (`mu[c]`), and where else a
 * parameter is used (a closed-form update is only the M-step if it sees every use).
 */
import type { FactorNode, GraphNode, ModelGraph, ParamNode, TypedExpr } from '../../graph/ir.js';
import { directRefs } from '../../graph/index.js';

/** The id a bare reference points at, or undefined. */
export function refId(expr: TypedExpr | undefined): string | undefined {
  return expr?.op === 'ref' ? expr.id : undefined;
}

/** For `p[c]` (one gather by the latent `latent`), the id of `p`. */
export function gatheredParam(expr: TypedExpr | undefined, latent: string): string | undefined {
  if (expr?.op !== 'index' || expr.items.length !== 1) return undefined;
  const item = expr.items[0]!;
  if (item.kind !== 'gather' || refId(item.index) !== latent) return undefined;
  return refId(expr.target);
}

/** Ids read by a node: a factor's arguments, a let's expression; nothing for the rest. */
function readsOf(node: GraphNode): string[] {
  if (node.kind === 'factor') return Object.values(node.args).flatMap(directRefs);
  if (node.kind === 'let') return directRefs(node.expr);
  return [];
}

/** Every model or guide node that reads `id` directly. */
export function usesOf(graph: ModelGraph, id: string): GraphNode[] {
  const guideNodes = graph.guides.flatMap((g) => (g.kind === 'written' ? g.nodes : []));
  return [...graph.nodes, ...guideNodes].filter((n) => readsOf(n).includes(id));
}

/**
 * A global model parameter whose only use is `factor` and that has no prior: the M-step for it
 * depends on that factor alone, so a closed form for the factor is the whole M-step.
 */
export function exclusiveParam(graph: ModelGraph, id: string | undefined, factor: FactorNode): ParamNode | undefined {
  if (id === undefined) return undefined;
  const node = graph.nodes.find((n) => n.id === id);
  if (node?.kind !== 'param' || node.locality !== 'global' || node.priorFactor !== undefined) return undefined;
  const uses = usesOf(graph, id);
  return uses.length === 1 && uses[0] === factor ? node : undefined;
}

/** Whether the factor's argument `name` is exactly absent (so a family default applies). */
export function hasOnlyArgs(factor: FactorNode, names: readonly string[]): boolean {
  const given = Object.keys(factor.args);
  return given.length === names.length && names.every((n) => given.includes(n));
}
