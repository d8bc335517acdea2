/** Shared test helpers: compile a shipped model and load its shipped data. */
import { readFileSync } from 'node:fs';
import { compileSource } from '../../src/lang/compile.js';
import type { ModelGraph } from '../../src/graph/ir.js';
import { dataSpecsOf, loadData, type Dataset } from '../../src/data/index.js';

export function compileModel(path: string): ModelGraph {
  const result = compileSource({ path, text: readFileSync(path, 'utf8') });
  if (!result.graph) throw new Error(`${path} does not compile:\n${result.diagnostics.map((d) => d.message).join('\n')}`);
  return result.graph;
}

export function compileText(text: string, path = 'test.vmodel'): ModelGraph {
  const result = compileSource({ path, text });
  if (!result.graph) throw new Error(`test model does not compile:\n${result.diagnostics.map((d) => `${d.code} ${d.message}`).join('\n')}`);
  return result.graph;
}

export function loadShipped(graph: ModelGraph, path: string, options: Parameters<typeof loadData>[2] = {}): Dataset {
  const result = loadData(path, dataSpecsOf(graph), options);
  if (!result.dataset) throw new Error(`cannot load ${path}: ${result.diagnostics.map((d) => d.message).join('\n')}`);
  return result.dataset;
}
