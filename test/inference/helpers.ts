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

/** A data set built in memory: columns of N scalar or vector rows (synthetic test data). */
export function memoryDataset(columns: Record<string, { values: Float32Array; rowShape?: number[] }>): Dataset {
  const entries = Object.entries(columns);
  const rowSize = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
  const n = entries[0]![1].values.length / rowSize(entries[0]![1].rowShape ?? []);
  return {
    n,
    source: 'memory',
    columns: Object.fromEntries(
      entries.map(([name, c]) => {
        const shape = c.rowShape ?? [];
        return [name, { spec: { name, kind: 'real', kindArgs: [], shape }, values: c.values, rowShape: shape, rowSize: rowSize(shape), dynamicBinarization: false, file: 'memory' }];
      }),
    ),
  };
}
