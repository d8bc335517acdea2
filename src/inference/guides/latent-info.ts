/** What automatic guides need to know about each latent: its node, prior factor and support. */
import { constraintForType, type Constraint } from '../../distributions/index.js';
import type { FactorNode, LatentNode, ModelGraph } from '../../graph/ir.js';

export interface LatentInfo {
  readonly node: LatentNode;
  readonly prior: FactorNode;
  readonly constraint: Constraint;
  /** Finite support size of a discrete latent's elements (category(K): K; binary: 2). */
  readonly supportSize?: number;
}

export function latentsOf(graph: ModelGraph): LatentInfo[] {
  const factors = new Map(graph.nodes.filter((n): n is FactorNode => n.kind === 'factor').map((f) => [f.id, f]));
  return graph.nodes
    .filter((n): n is LatentNode => n.kind === 'latent')
    .map((node) => {
      const constraint = constraintForType(node.type.kind, node.type.kindArgs);
      const prior = factors.get(node.priorFactor);
      if (!prior) throw new Error(`internal: latent '${node.id}' has no prior factor '${node.priorFactor}'`);
      const supportSize = node.type.kind === 'binary' ? 2 : node.type.kind === 'category' ? node.type.kindArgs[0] : undefined;
      return { node, prior, constraint, supportSize };
    });
}
