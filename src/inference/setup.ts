/**
 * Assembling a fit from a compiled graph: create the model's parameters and networks, choose and
 * build the guide the method calls for, and hand back the parts the algorithms run on. The order
 * of creation is fixed, so one seed gives one initial state.
 */
import type { ModelGraph, GuideGraph, InferMethod } from '../graph/ir.js';
import { Rng } from '../runtime/rng.js';
import { autoGuide } from './guides/auto-guide.js';
import { fullRankGuide } from './guides/full-rank.js';
import type { Guide } from './guides/guide.js';
import { writtenGuide } from './guides/written-guide.js';
import { ParamStore } from './params/param-store.js';
import { modelParts, type ModelParts } from './trace.js';

export interface Prepared {
  readonly parts: ModelParts;
  readonly store: ParamStore;
  readonly guide: Guide;
  /** How it was made, so that evaluation can rebuild it for other rows. */
  readonly method: InferMethod;
  readonly guideName?: string;
  readonly seed: number;
}

export class SetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SetupError';
  }
}

/**
 * The guide a method runs with: `map` always uses point masses; `meanfield`/`fullrank` use the
 * model's guide of that strategy if it declares one, else an automatic one; `svi` uses the named
 * guide (or the infer block's, or the first declared one, or an automatic amortized encoder).
 * An explicitly named guide wins for every method but `map`.
 */
export function chooseGuide(graph: ModelGraph, method: InferMethod, name?: string): GuideGraph | { kind: 'builtin'; strategy: 'meanfield' | 'fullrank' | 'amortized' | 'delta'; name: string } {
  if (method === 'map') return { kind: 'builtin', strategy: 'delta', name: 'map' };
  const wanted = name ?? (method === 'svi' ? graph.infer.guide : undefined);
  if (wanted !== undefined) {
    const found = graph.guides.find((g) => g.name === wanted);
    if (!found) {
      const declared = graph.guides.map((g) => g.name);
      throw new SetupError(`unknown guide '${wanted}': ${declared.length ? `the model declares ${declared.join(', ')}` : 'the model declares no guides'}`);
    }
    return found;
  }
  if (method === 'meanfield' || method === 'fullrank') {
    return graph.guides.find((g) => g.kind === 'auto' && g.strategy === method) ?? { kind: 'builtin', strategy: method, name: method };
  }
  return graph.guides[0] ?? { kind: 'builtin', strategy: 'amortized', name: 'amortized' };
}

export function prepare(graph: ModelGraph, rows: number, seed: number, method: InferMethod, guideName?: string): Prepared {
  const parts = modelParts(graph);
  const store = new ParamStore(new Rng(seed), rows);
  for (const node of graph.nodes) {
    if (node.kind === 'param') store.addParam(node);
    else if (node.kind === 'net') store.addNet(node);
  }
  const choice = chooseGuide(graph, method, guideName);
  const guide = buildGuide(choice, graph, store);
  return { parts, store, guide, method, seed, ...(guideName !== undefined ? { guideName } : {}) };
}

function buildGuide(choice: ReturnType<typeof chooseGuide>, graph: ModelGraph, store: ParamStore): Guide {
  if (choice.kind === 'written') return writtenGuide(choice, graph, store);
  const options = choice.kind === 'auto' ? choice.options : {};
  if (choice.strategy === 'fullrank') return fullRankGuide(choice.name, graph, store, options);
  return autoGuide(choice.name, choice.strategy, graph, store, options);
}
