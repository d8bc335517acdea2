import { describe, expect, it } from 'vitest';
import { compileSource } from '../../src/lang/compile.js';
import { emitAst, emitIr, toDot } from '../../src/graph/index.js';

const text = `model schools
data y : real
data sigma : positive
global latent mu : real
global latent tau : positive
latent eta : real
param w : real
net f = mlp(1 -> 4 -> 1)
p(mu) = Normal(0, 5)
p(tau) = HalfCauchy(5)
p(eta) = Normal(0, 1)
let theta = mu + tau * eta + f(w)
p(y | theta) = Normal(theta, sigma)
`;
const result = compileSource({ path: 'schools.vmodel', text });

describe('JSON dumps', () => {
  it('--emit ir is the graph with compact spans', () => {
    const json = JSON.parse(emitIr(result.graph!));
    expect(json.name).toBe('schools');
    expect(json.nodes.find((n: { id: string }) => n.id === 'theta').span).toBe('12:5-12:10');
    expect(json.nodes.map((n: { id: string }) => n.id)).toEqual(result.graph!.nodes.map((n) => n.id));
  });
  it('--emit ast is the program with compact spans', () => {
    const json = JSON.parse(emitAst(result.program!));
    expect(json.kind).toBe('Program');
    expect(json.name).toEqual({ kind: 'Identifier', name: 'schools', span: '1:7-1:14' });
    expect(json.declarations).toHaveLength(result.program!.declarations.length);
  });
});

describe('plate diagram', () => {
  const dot = toDot(result.graph!);
  const edges = [...dot.matchAll(/^\s*"([^"]+)" -> "([^"]+)";$/gm)].map((m) => `${m[1]}->${m[2]}`).sort();
  const cluster = dot.slice(dot.indexOf('subgraph cluster_rows'), dot.indexOf('}', dot.indexOf('subgraph cluster_rows')));

  it('draws edges along the model factors and lets', () => {
    expect(edges).toEqual(['eta->theta', 'f->theta', 'mu->theta', 'sigma->y', 'tau->theta', 'theta->y', 'w->theta'].sort());
  });
  it('puts per-row nodes in the N plate and globals outside', () => {
    for (const id of ['y', 'sigma', 'eta', 'theta']) expect(cluster).toContain(`"${id}" [`);
    for (const id of ['mu', 'tau', 'w', 'f']) expect(cluster).not.toContain(`"${id}" [`);
    expect(cluster).toContain('label="N"');
  });
  it('styles nodes by role', () => {
    expect(dot).toContain('"y" [shape=circle, style=filled, fillcolor=gray70');
    expect(dot).toContain('"mu" [shape=circle, label="mu"]');
    expect(dot).toContain('"w" [shape=square');
    expect(dot).toContain('"f" [shape=diamond');
    expect(dot).toContain('"theta" [shape=ellipse, style=dashed');
  });
  it('is well-formed DOT that Graphviz renders', async () => {
    const { renderDot } = await import('../../src/plot/render-dot.js');
    const svg = await renderDot(dot);
    expect(svg).toContain('<svg');
    for (const id of ['mu', 'tau', 'eta', 'theta', 'y', 'sigma']) expect(svg).toContain(`>${id}</text>`);
  });
});

describe('JSON layout', () => {
  it('keeps arrays of plain values on one line and strings intact', () => {
    const text = `model j\ndata y : real\nglobal latent a : real\nglobal latent b : real[2]\np(a, b) = MultivariateNormal([0, 0, 0], scale_tril = [[1, 0, 0], [0, 1, 0], [0, 0, 1]])\np(y | a, b) = Normal(a + sum(b), 1)\n`;
    const graph = compileSource({ path: 'j.vmodel', text }).graph!;
    const out = emitIr(graph);
    expect(out).toContain('"targets": ["a", "b"]');
    expect(out).toContain('"id": "p:a,b"');
    expect(out).toContain('"targetShape": [3]');
    const parsed = JSON.parse(out);
    expect(parsed.nodes.map((n: { id: string }) => n.id)).toEqual(graph.nodes.map((n) => n.id));
  });
});

describe('plate diagram with a guide', () => {
  it('overlays the inference network as dashed edges', () => {
    const vae = compileSource({ path: 'v.vmodel', text: `model v\ndim D = 4\ndim K = 2\ndata x : binary[D]\nlatent z : real[K]\nnet dec = mlp(K -> 8 -> D)\np(z) = Normal(0, 1)\np(x | z) = Bernoulli(logits = dec(z))\nguide enc {\n  net e = mlp(D -> 8 -> 2 * K)\n  let h = e(x)\n  q(z | x) = Normal(h[0:K], softplus(h[K:2*K]))\n}\n` }).graph!;
    const plain = toDot(vae);
    expect(plain).not.toContain('dashed, constraint');
    const dot = toDot(vae, { guide: 'enc' });
    expect(dot).toContain('"x" -> "z" [style=dashed, constraint=false];');
    expect(dot).toContain('"z" -> "x";');
  });
});
