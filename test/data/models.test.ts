/** Every example model's data declarations, taken from its compiled graph, accept its shipped data. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileSource } from '../../src/lang/compile.js';
import { dataSpecsOf, loadData, type LoadOptions, type Sources } from '../../src/data/index.js';

const ROOT = join(import.meta.dirname, '..', '..');
const data = (file: string) => join(ROOT, 'models', 'data', file);
const mnist = { variable: 'x', path: data('mnist-train-3k-images.idx.gz') };

const CASES: [model: string, sources: Sources, options: LoadOptions, n: number][] = [
  ['vae', mnist, { binarize: 'dynamic', labels: data('mnist-train-3k-labels.idx.gz') }, 3000],
  ['bernoulli_mixture', mnist, { binarize: { threshold: 0.5 } }, 3000],
  ['gmm', data('faithful.csv'), {}, 272],
  ['gmm_diag', data('faithful.csv'), {}, 272],
  ['ppca', data('digits.csv'), {}, 1797],
  ['blr', data('blr.csv'), {}, 1000],
  ['eight_schools', data('eight_schools.csv'), {}, 8],
  ['gamma_poisson', data('gamma_poisson.csv'), {}, 200],
];

describe('example models load their shipped data', () => {
  it.each(CASES)('%s', (model, sources, options, n) => {
    const path = join(ROOT, 'models', `${model}.vmodel`);
    const compiled = compileSource({ path, text: readFileSync(path, 'utf8') });
    expect(compiled.graph).toBeDefined();
    const specs = dataSpecsOf(compiled.graph!);
    expect(specs.length).toBeGreaterThan(0);
    const r = loadData(sources, specs, options);
    expect(r.diagnostics).toEqual([]);
    expect(r.dataset!.n).toBe(n);
    expect(Object.keys(r.dataset!.columns).sort()).toEqual(specs.map((s) => s.name).sort());
  });
});
