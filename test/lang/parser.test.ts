import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type * as A from '../../src/lang/ast.js';
import { parseSource } from '../../src/lang/parse.js';

const parse = (text: string) => parseSource({ path: 't.vmodel', text });

function program(text: string): A.Program {
  const r = parse(text);
  expect(r.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  return r.program!;
}

/** An expression as a compact s-expression, to assert on structure. */
function show(e: A.Expr): string {
  switch (e.kind) {
    case 'Number':
      return String(e.value);
    case 'Name':
      return e.name;
    case 'Unary':
      return `(${e.op} ${show(e.operand)})`;
    case 'Binary':
      return `(${e.op} ${show(e.left)} ${show(e.right)})`;
    case 'Call':
      return `${e.callee.name}(${e.args.map((a) => (a.name ? `${a.name.name}=` : '') + show(a.value)).join(' ')})`;
    case 'Vector':
      return `[${e.elements.map(show).join(' ')}]`;
    case 'Index':
      return `${show(e.target)}[${e.items
        .map((i) => (i.kind === 'At' ? show(i.index) : `${i.start ? show(i.start) : ''}:${i.end ? show(i.end) : ''}`))
        .join(' ')}]`;
  }
}

const expr = (source: string) => {
  const decl = program(`model m\nlet e = ${source}`).declarations[0] as A.LetDecl;
  return show(decl.value);
};

describe('expressions', () => {
  it.each([
    ['a + b * c ^ d', '(+ a (* b (^ c d)))'],
    ['a - b - c', '(- (- a b) c)'],
    ['a / b * c', '(* (/ a b) c)'],
    ['W @ z + mu', '(+ (@ W z) mu)'],
    ['-x ^ 2', '(- (^ x 2))'],
    ['2 ^ -1', '(^ 2 (- 1))'],
    ['a ^ b ^ c', '(^ a (^ b c))'],
    ['-(a + b) * +c', '(* (- (+ a b)) (+ c))'],
    ['softplus(h[K:2*K])', 'softplus(h[K:(* 2 K)])'],
    ['W[:, 1]', 'W[: 1]'],
    ['h[K:]', 'h[K:]'],
    ['h[:K]', 'h[:K]'],
    ['a[0][1]', 'a[0][1]'],
    ['mu[c] + f(x)[0]', '(+ mu[c] f(x)[0])'],
    ['Normal(0, scale = exp(s))', 'Normal(0 scale=exp(s))'],
    ['[1, 2.5, K]', '[1 2.5 K]'],
    ['dot(w, x) + b', '(+ dot(w x) b)'],
    ['f()', 'f()'],
  ])('%s', (source, expected) => {
    expect(expr(source)).toBe(expected);
  });

  it('marks integer literals', () => {
    const lit = (s: string) => (program(`model m\nlet e = ${s}`).declarations[0] as A.LetDecl).value as A.NumberLit;
    expect([lit('3').isInteger, lit('3.0').isInteger, lit('1e3').isInteger]).toEqual([true, false, false]);
    expect(lit('1e-3').value).toBe(0.001);
  });
});

describe('declarations', () => {
  const text = [
    'model demo',
    'dim K = 2 * 3',
    'const s0 = 2.5',
    'data x : binary[K]',
    'data c : category(K)',
    'data iv : interval(0, 1)[3]',
    'latent z : real[K]',
    'global latent mu : real',
    'local latent w : positive',
    'param W : real[K, K]',
    'param s : positive = 1',
    'local param m : simplex[K]',
    'net f = mlp(K -> 400 -> K, relu, output = sigmoid)',
    'let h = f(z)',
    'p(z) = Normal(0, 1)',
    'p(x | z, mu) = Bernoulli(logits = h)',
    'guide g {',
    '  local param m2 : real[K]',
    '  q(z | x) = Normal(m2, 1)',
    '}',
    'guide mf = meanfield',
    'guide enc = amortized(hidden = [400], activation = tanh)',
    'infer { method = svi  guide = g, batch = 128 optimizer = adam(lr = 1e-3) }',
  ].join('\n');
  const decls = program(text).declarations;
  const byName = (name: string) => decls.find((d) => 'name' in d && (d.name as A.Identifier).name === name)!;

  it('keeps every declaration in source order', () => {
    expect(decls.map((d) => d.kind)).toEqual([
      'DimDecl', 'ConstDecl', 'DataDecl', 'DataDecl', 'DataDecl', 'LatentDecl', 'LatentDecl', 'LatentDecl',
      'ParamDecl', 'ParamDecl', 'ParamDecl', 'NetDecl', 'LetDecl', 'FactorDecl', 'FactorDecl',
      'GuideDecl', 'GuideDecl', 'GuideDecl', 'InferDecl',
    ]);
  });

  it('reads types with kind arguments and dims', () => {
    const t = (name: string) => (byName(name) as A.DataDecl).type;
    expect(t('x').base.name).toBe('binary');
    expect(t('x').dims.map(show)).toEqual(['K']);
    expect(t('c').kindArgs.map(show)).toEqual(['K']);
    expect([t('iv').kindArgs.map(show), t('iv').dims.map(show)]).toEqual([['0', '1'], ['3']]);
  });

  it('defaults latents to local and params to global, recording explicit localities', () => {
    const loc = (name: string) => {
      const d = byName(name) as A.LatentDecl | A.ParamDecl;
      return [d.kind, d.locality, d.explicitLocality];
    };
    expect(loc('z')).toEqual(['LatentDecl', 'local', false]);
    expect(loc('mu')).toEqual(['LatentDecl', 'global', true]);
    expect(loc('w')).toEqual(['LatentDecl', 'local', true]);
    expect(loc('W')).toEqual(['ParamDecl', 'global', false]);
    expect(loc('m')).toEqual(['ParamDecl', 'local', true]);
    expect(show((byName('s') as A.ParamDecl).init!)).toBe('1');
  });

  it('reads networks: architecture, layer widths and options', () => {
    const f = byName('f') as A.NetDecl;
    expect(f.architecture.name).toBe('mlp');
    expect(f.layers.map(show)).toEqual(['K', '400', 'K']);
    expect(f.options.map((o) => [o.name?.name, show(o.value)])).toEqual([[undefined, 'relu'], ['output', 'sigmoid']]);
  });

  it('reads factors: density, targets, conditioning set and distribution', () => {
    const [prior, lik] = decls.filter((d): d is A.FactorDecl => d.kind === 'FactorDecl');
    expect([prior!.density, prior!.targets.map((t) => t.name), prior!.given]).toEqual(['p', ['z'], []]);
    expect(lik!.given.map((t) => t.name)).toEqual(['z', 'mu']);
    expect(show(lik!.distribution)).toBe('Bernoulli(logits=h)');
  });

  it('reads written and automatic guides', () => {
    const g = byName('g') as A.GuideDecl;
    if (g.body.kind !== 'Written') throw new Error('expected a written guide');
    expect(g.body.statements.map((s) => s.kind)).toEqual(['ParamDecl', 'FactorDecl']);
    const enc = byName('enc') as A.GuideDecl;
    if (enc.body.kind !== 'Auto') throw new Error('expected an automatic guide');
    expect(enc.body.strategy.name).toBe('amortized');
    expect(enc.body.options.map((o) => `${o.name?.name}=${show(o.value)}`)).toEqual(['hidden=[400]', 'activation=tanh']);
    expect((byName('mf') as A.GuideDecl).body).toMatchObject({ kind: 'Auto', options: [] });
  });

  it('reads infer settings, including the `guide` key and optional commas', () => {
    const infer = decls[decls.length - 1] as A.InferDecl;
    expect(infer.settings.map((s) => `${s.key.name}=${show(s.value)}`)).toEqual([
      'method=svi', 'guide=g', 'batch=128', 'optimizer=adam(lr=0.001)',
    ]);
  });

  it('gives every node a span whose offsets agree with its lines and columns', () => {
    const lineStarts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index! + 1)];
    const at = (line: number, column: number) => lineStarts[line - 1]! + column - 1;
    let count = 0;
    const visit = (value: unknown): void => {
      if (Array.isArray(value)) return value.forEach(visit);
      if (!value || typeof value !== 'object') return;
      const node = value as { span?: A.Node['span'] };
      if (node.span) {
        count++;
        const s = node.span;
        expect(at(s.startLine, s.startColumn)).toBe(s.start);
        expect(at(s.endLine, s.endColumn)).toBe(s.end);
        expect(s.end).toBeGreaterThan(s.start);
      }
      for (const [k, v] of Object.entries(value)) if (k !== 'span') visit(v);
    };
    visit(decls);
    expect(count).toBeGreaterThan(100);
  });

  it('spans cover exactly the source of each construct', () => {
    const src = (n: A.Node) => text.slice(n.span.start, n.span.end);
    expect(src(byName('f'))).toBe('net f = mlp(K -> 400 -> K, relu, output = sigmoid)');
    expect(src(byName('g'))).toBe('guide g {\n  local param m2 : real[K]\n  q(z | x) = Normal(m2, 1)\n}');
    expect(src((byName('x') as A.DataDecl).type)).toBe('binary[K]');
    const lik = decls.filter((d): d is A.FactorDecl => d.kind === 'FactorDecl')[1]!;
    expect(src(lik)).toBe('p(x | z, mu) = Bernoulli(logits = h)');
    expect(src(lik.distribution.args[0]!)).toBe('logits = h');
  });
});

describe('shipped models', () => {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '../../models');
  const files = readdirSync(dir).filter((f) => f.endsWith('.vmodel'));

  it('includes the required examples', () => {
    for (const name of ['vae', 'gmm', 'gmm_diag', 'ppca', 'blr', 'eight_schools', 'gamma_poisson', 'bernoulli_mixture']) {
      expect(files).toContain(`${name}.vmodel`);
    }
  });

  it.each(files)('%s parses without diagnostics, named after its file', (file) => {
    const p = program(readFileSync(join(dir, file), 'utf8'));
    expect(p.name.name).toBe(file.replace('.vmodel', ''));
    expect(p.declarations.some((d) => d.kind === 'GuideDecl')).toBe(true);
    expect(p.declarations.some((d) => d.kind === 'FactorDecl' && d.density === 'p')).toBe(true);
  });
});

describe('error recovery', () => {
  it('reports several syntax errors in one run, one per statement', () => {
    const r = parse('model m\ndim K 2\ndata x : real[K\nlatent z : real[K]\np(z) Normal(0, 1)\nlet a = (1 + \nguide g { }\n');
    expect(r.program).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.code, d.span.startLine])).toEqual([
      ['E0108', 2], ['E0110', 3], ['E0108', 5], ['E0109', 6], ['E0119', 7],
    ]);
  });

  it('returns no program but never throws on arbitrary prefixes of a model', () => {
    const text = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../models/vae.vmodel'), 'utf8');
    for (let n = 0; n < text.length; n += 13) {
      const r = parse(text.slice(0, n));
      if (r.program === undefined) expect(r.diagnostics.length).toBeGreaterThan(0);
    }
  });

  it('is unaffected by previous parses (one parser instance is reused)', () => {
    const good = 'model m\nlatent z : real\np(z) = Normal(0, 1)\nguide mf = meanfield\n';
    const first = parse(good);
    parse('model m\np(z = (((');
    expect(parse(good)).toEqual(first);
  });
});
