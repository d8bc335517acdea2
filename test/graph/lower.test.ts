import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileSource } from '../../src/lang/compile.js';
import { directRefs } from '../../src/lang/check/index.js';
import type { GraphNode, ModelGraph } from '../../src/graph/index.js';

const modelsDir = join(import.meta.dirname, '../../models');

function compile(text: string, path = 'test.vmodel'): ModelGraph {
  const r = compileSource({ path, text });
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || r.graph === undefined) throw new Error(errors.map((d) => d.message).join('; '));
  return r.graph;
}

function reads(n: GraphNode): string[] {
  if (n.kind === 'let') return directRefs(n.expr);
  if (n.kind === 'factor') return Object.values(n.args).flatMap(directRefs);
  if (n.kind === 'latent') return [n.priorFactor];
  return [];
}

/** Every node comes after the nodes it reads (among `nodes`, with `produced` mapping latents to the factor that draws them). */
function assertTopological(nodes: readonly GraphNode[], produced: (id: string) => string = (id) => id): void {
  const position = new Map(nodes.map((n, i) => [n.id, i]));
  nodes.forEach((n, i) => {
    for (const r of reads(n).map(produced)) {
      const j = position.get(r);
      if (j !== undefined) expect(j, `${n.id} reads ${r}`).toBeLessThan(i);
    }
  });
}

describe('lowering the example models', () => {
  const files = readdirSync(modelsDir).filter((f) => f.endsWith('.vmodel')).sort();
  it.each(files)('%s: topological order, unique ids, plain JSON data', (f) => {
    const graph = compile(readFileSync(join(modelsDir, f), 'utf8'), `models/${f}`);
    assertTopological(graph.nodes);
    for (const g of graph.guides) if (g.kind === 'written') assertTopological(g.nodes, (id) => g.covers[id] ?? id);
    const ids = [...graph.nodes, ...graph.guides.flatMap((g) => (g.kind === 'written' ? g.nodes : []))].map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(JSON.parse(JSON.stringify(graph))).toEqual(graph);
    // every latent has a prior factor node that targets it
    for (const n of graph.nodes) {
      if (n.kind !== 'latent') continue;
      const prior = graph.nodes.find((x) => x.id === n.priorFactor);
      expect(prior?.kind === 'factor' && prior.targets.includes(n.id)).toBe(true);
    }
  });

  it('eight schools: ancestral order and node contents', () => {
    const graph = compile(readFileSync(join(modelsDir, 'eight_schools.vmodel'), 'utf8'));
    expect(graph.nodes.map((n) => n.id)).toEqual(['y', 'sigma', 'p:mu', 'mu', 'p:tau', 'tau', 'p:eta', 'eta', 'theta', 'p:y']);
    const y = graph.nodes.find((n) => n.id === 'p:y')!;
    expect(y).toMatchObject({ kind: 'factor', density: 'p', family: 'Normal', targets: ['y'], given: ['theta'], dependsOn: ['mu', 'tau', 'eta'], locality: 'local', targetShape: [], discrete: false, hasRsample: true });
    expect(graph.nodes.find((n) => n.id === 'sigma')).toMatchObject({ kind: 'data', role: 'covariate', type: { kind: 'positive', shape: [], constraint: 'GreaterThan(0)', dtype: 'float' } });
    expect(graph.nodes.find((n) => n.id === 'tau')).toMatchObject({ kind: 'latent', locality: 'global', priorFactor: 'p:tau' });
    expect(graph.guides.map((g) => [g.kind, g.name])).toEqual([['auto', 'mf'], ['auto', 'fr']]);
    expect(graph.infer).toMatchObject({ method: 'svi', guide: 'mf', samples: 16 });
  });

  it('vae: networks, guide-local nodes and typed arguments', () => {
    const graph = compile(readFileSync(join(modelsDir, 'vae.vmodel'), 'utf8'));
    expect(graph.dims).toEqual({ D: 784, K: 20 });
    expect(graph.nodes.find((n) => n.id === 'decoder')).toMatchObject({ kind: 'net', widths: [20, 400, 784], activation: 'relu', output: 'identity' });
    const guide = graph.guides.find((g) => g.name === 'amortized')!;
    expect(guide.kind).toBe('written');
    if (guide.kind !== 'written') return;
    expect(guide.nodes.map((n) => n.id)).toEqual(['amortized.encoder', 'amortized.h', 'q:amortized:z']);
    expect(guide.covers).toEqual({ z: 'q:amortized:z' });
    const q = guide.nodes[2]!;
    expect(q.kind === 'factor' && q.args.loc).toMatchObject({ op: 'index', rowShape: [20], locality: 'local', items: [{ kind: 'slice', start: 0, end: 20 }], target: { op: 'ref', id: 'amortized.h', refKind: 'let' } });
    expect(q.kind === 'factor' && q.args.scale).toMatchObject({ op: 'elementwise', fn: 'softplus', rowShape: [20] });
  });
});

describe('lowering details', () => {
  it('orders a structured guide by what each q factor reads, not by source order', () => {
    const graph = compile(`model t
data y : real
global latent s : positive
global latent m : real
p(s) = Gamma(2, 2)
p(m | s) = Normal(0, s)
p(y | m, s) = Normal(m, s)
guide g {
  param a : real
  q(m | s) = Normal(a, s)
  q(s) = LogNormal(0, 1)
}
`);
    const g = graph.guides[0]!;
    expect(g.kind === 'written' && g.nodes.map((n) => n.id)).toEqual(['g.a', 'q:g:s', 'q:g:m']);
    expect(graph.nodes.map((n) => n.id)).toEqual(['y', 'p:s', 's', 'p:m', 'm', 'p:y']);
  });

  it('keeps param initial values and MAP priors', () => {
    const graph = compile(`model t\ndata y : real\nparam s : positive = 2\np(s) = Gamma(2, 1)\np(y) = Normal(0, s)\n`);
    expect(graph.nodes.find((n) => n.id === 's')).toMatchObject({ kind: 'param', init: 2, priorFactor: 'p:s', locality: 'global' });
    expect(graph.nodes.map((n) => n.id)).toEqual(['y', 's', 'p:s', 'p:y']);
  });

  it('hashes the source text', () => {
    const text = `model t\ndata y : real\np(y) = Normal(0, 1)\n`;
    const a = compile(text);
    expect(a.sourceHash).toMatch(/^[0-9a-f]{16}$/);
    expect(compile(text).sourceHash).toBe(a.sourceHash);
    expect(compile(text + '# changed\n').sourceHash).not.toBe(a.sourceHash);
  });

  it('records cholesky shapes as D × D and discrete dtypes', () => {
    const graph = compile(`model t\ndim D = 3\ndata c : category(4)\nparam L : cholesky[D]\nglobal latent v : real[D]\np(v) = MultivariateNormal([0, 0, 0], scale_tril = L)\np(c | v) = Categorical(logits = [v[0], v[1], v[2], 0])\n`);
    expect(graph.nodes.find((n) => n.id === 'L')).toMatchObject({ type: { kind: 'cholesky', shape: [3, 3], constraint: 'LowerCholesky', dtype: 'float' } });
    expect(graph.nodes.find((n) => n.id === 'c')).toMatchObject({ type: { kind: 'category', kindArgs: [4], shape: [], constraint: 'IntegerInterval(0, 3)', dtype: 'int' } });
    expect(graph.nodes.find((n) => n.id === 'p:v')).toMatchObject({ batchShape: [], eventShape: [3] });
  });
});
