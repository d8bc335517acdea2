/** What automatic guides need to know about each latent: its node, prior factor and support. */
import { constraintForType, type Constraint } from '../../distributions/index.js';
import type { FactorNode, LatentNode, ModelGraph, NodeType } from '../../graph/ir.js';

export interface LatentInfo {
  readonly node: LatentNode;
  readonly prior: FactorNode;
  readonly constraint: Constraint;
  /** Finite support size of a discrete latent's elements (category(K): K; binary: 2). */
  readonly supportSize?: number;
}

/** The number of values of one element of a finite discrete type (category(K): K; binary: 2), else undefined. */
export function finiteSupportSize(type: NodeType): number | undefined {
  return type.kind === 'binary' ? 2 : type.kind === 'category' ? type.kindArgs[0] : undefined;
}

export function latentsOf(graph: ModelGraph): LatentInfo[] {
  const factors = new Map(graph.nodes.filter((n): n is FactorNode => n.kind === 'factor').map((f) => [f.id, f]));
  return graph.nodes
    .filter((n): n is LatentNode => n.kind === 'latent')
    .map((node) => {
      const constraint = constraintForType(node.type.kind, node.type.kindArgs);
      const prior = factors.get(node.priorFactor);
      if (!prior) throw new Error(`internal: latent '${node.id}' has no prior factor '${node.priorFactor}'`);
      return { node, prior, constraint, supportSize: finiteSupportSize(node.type) };
    });
}
