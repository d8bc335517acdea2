/**
 * The bridge from a compiled model to the loader: one `DataSpec` per `data` node of the graph,
 * in declaration order.
 */
import type { ModelGraph } from '../graph/ir.js';
import type { DataSpec } from './spec.js';

export function dataSpecsOf(graph: ModelGraph): DataSpec[] {
  const specs: DataSpec[] = [];
  for (const node of graph.nodes) {
    if (node.kind !== 'data') continue;
    specs.push({ name: node.name, kind: node.type.kind, kindArgs: node.type.kindArgs, shape: node.type.shape });
  }
  return specs;
}
