/** Lowers a checked model to the computation-graph IR. */
import type { CheckedModel } from '../lang/check/index.js';
import type { ModelGraph } from './ir.js';

export function lowerToGraph(model: CheckedModel): ModelGraph {
  return { name: model.name, dims: {} };
}
