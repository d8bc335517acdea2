/**
 * Lowering: a checked model becomes the engine's graph. Symbols become nodes, checked factors
 * become factor nodes naming their registry family, and nodes are put in topological order.
 */
import { createHash } from 'node:crypto';
import { directRefs, MODEL_OWNER, type CheckedFactor, type CheckedModel, type Sym } from '../lang/check/index.js';
import type { FactorNode, GraphNode, GuideGraph, ModelGraph, NodeType } from './ir.js';
import { topologicalOrder } from './topological-order.js';

/** Build the graph of a checked model: model nodes in ancestral order, and one graph per guide. */
export function lowerToGraph(model: CheckedModel): ModelGraph {
  const modelNodes: GraphNode[] = [];
  for (const sym of model.symbols.values()) {
    if (sym.owner !== MODEL_OWNER) continue;
    const node = symbolNode(sym, model.priorOf.get(sym.id));
    if (node !== undefined) modelNodes.push(node);
  }
  for (const f of model.factors.values()) if (f.owner === MODEL_OWNER) modelNodes.push(factorNode(f));
  modelNodes.sort((a, b) => a.span.start - b.span.start);
  const nodes = topologicalOrder(modelNodes, (n) => modelDeps(n, model));

  const guides: GuideGraph[] = model.guides.map((g) => {
    if (g.kind === 'auto') return { kind: 'auto', name: g.name, span: g.span, strategy: g.strategy, options: g.options };
    const own: GraphNode[] = [];
    for (const id of g.symbols) {
      const node = symbolNode(model.symbols.get(id)!, undefined);
      if (node !== undefined) own.push(node);
    }
    for (const id of g.factors) own.push(factorNode(model.factors.get(id)!));
    own.sort((a, b) => a.span.start - b.span.start);
    // A latent read inside the guide is produced by the q factor covering it.
    const producer = (id: string): string => g.covers[id] ?? id;
    const ordered = topologicalOrder(own, (n) => nodeReads(n).map(producer));
    return { kind: 'written', name: g.name, span: g.span, nodes: ordered, covers: g.covers };
  });

  return {
    name: model.name,
    source: model.file.path,
    sourceHash: createHash('sha256').update(model.file.text).digest('hex').slice(0, 16),
    dims: model.dims,
    consts: model.consts,
    nodes,
    guides,
    infer: model.infer,
  };
}

function nodeType(t: NonNullable<Extract<Sym, { kind: 'latent' }>['type']>): NodeType {
  const dtype = t.constraint.isDiscrete ? 'int' : 'float';
  return { kind: t.kind, kindArgs: t.kindArgs, shape: t.shape, constraint: t.constraint.toString(), dtype };
}

function symbolNode(sym: Sym, priorFactor: string | undefined): GraphNode | undefined {
  const base = { id: sym.id, name: sym.name, owner: sym.owner, span: sym.span };
  switch (sym.kind) {
    case 'data':
      return { ...base, kind: 'data', role: sym.role, type: nodeType(sym.type!) };
    case 'latent':
      return { ...base, kind: 'latent', locality: sym.locality, type: nodeType(sym.type!), priorFactor: priorFactor! };
    case 'param':
      return {
        ...base, kind: 'param', locality: sym.locality, type: nodeType(sym.type!),
        ...(sym.init === undefined ? {} : { init: sym.init }),
        ...(priorFactor === undefined ? {} : { priorFactor }),
      };
    case 'net':
      return { ...base, kind: 'net', ...sym.net! };
    case 'let':
      return { ...base, kind: 'let', expr: sym.expr! };
    default:
      return undefined; // dims and consts are folded into expressions
  }
}

function factorNode(f: CheckedFactor): FactorNode {
  return {
    id: f.id,
    owner: f.owner,
    span: f.span,
    kind: 'factor',
    density: f.density,
    targets: f.targets,
    given: f.given,
    dependsOn: f.dependsOn,
    family: f.family.name,
    args: f.args,
    targetShape: f.targetShape,
    batchShape: f.batchShape,
    eventShape: f.eventShape,
    locality: f.locality,
    discrete: f.family.discrete,
    hasRsample: f.family.hasRsample,
  };
}

/** Ids a node reads directly. */
function nodeReads(n: GraphNode): string[] {
  if (n.kind === 'let') return directRefs(n.expr);
  if (n.kind === 'factor') return [...new Set(Object.values(n.args).flatMap(directRefs))];
  return [];
}

/**
 * Model order is ancestral: a factor after what its arguments read (and after its data or
 * param target), a latent after its prior factor.
 */
function modelDeps(n: GraphNode, model: CheckedModel): string[] {
  if (n.kind === 'latent') return [n.priorFactor];
  if (n.kind === 'factor') {
    const targets = n.targets.filter((t) => model.symbols.get(t)?.kind !== 'latent');
    return [...nodeReads(n), ...targets];
  }
  return nodeReads(n);
}
