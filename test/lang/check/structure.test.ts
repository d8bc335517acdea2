import { describe, expect, it } from 'vitest';
import { check, clean, codes, only } from './helpers.js';

const schools = (given: string, extra = '') => `model t
data y : real
data sigma : positive
global latent mu : real
global latent tau : positive
latent eta : real
p(mu) = Normal(0, 5)
p(tau) = HalfCauchy(5)
p(eta) = Normal(0, 1)
let theta = mu + tau * eta
${extra}
p(y | ${given}) = Normal(theta, sigma)
`;

describe('conditioning sets', () => {
  it('a let stands for the random variables it depends on', () => {
    const m = clean(schools('theta'));
    expect(m.factors.get('p:y')!.dependsOn).toEqual(['mu', 'tau', 'eta']);
    expect(m.factors.get('p:y')!.given).toEqual(['theta']);
  });
  it('the variables themselves may be listed instead, covariates optionally', () => {
    expect(codes(schools('mu, tau, eta'))).toEqual([]);
    expect(codes(schools('mu, tau, eta, sigma'))).toEqual([]);
  });
  it('names what is missing, through which let, and how to write it', () => {
    const d = only(schools('mu, eta'));
    expect(d.code).toBe('E0503');
    expect(d.message).toBe("the arguments of p(y | mu, eta) depend on 'tau' (through 'theta'), missing from its conditioning set");
    expect(d.hint).toBe('write p(y | mu, eta, tau)');
  });
  it('reports an invented dependency at the listed name', () => {
    const d = only(schools('theta, w', 'global latent w : real\np(w) = Normal(0, 1)'));
    expect(d.code).toBe('E0504');
    expect(d.span.startLine).toBe(13);
    expect(d.span.startColumn).toBe(14);
  });
  it('observed data on which a factor depends must be listed; covariates need not be', () => {
    const prog = (given: string) => `model t\ndata x : real\ndata y : real\ndata c : real\np(x) = Normal(0, 1)\np(y | ${given}) = Normal(x + c, 1)\n`;
    expect(codes(prog('x'))).toEqual([]);
    expect(only(prog('c')).code).toBe('E0503');
  });
  it('latents and observed data count, params and nets do not', () => {
    const m = clean(`model t\ndim D = 2\ndata x : real[D]\nlatent z : real[D]\nparam W : real[D, D]\nnet f = mlp(D -> 4 -> D)\np(z) = Normal(0, 1)\np(x | z) = Normal(f(W @ z), 1)\n`);
    expect(m.factors.get('p:x')!.dependsOn).toEqual(['z']);
  });
});

describe('locality', () => {
  it('a local latent may depend on globals', () => {
    expect(codes(`model t\ndata y : real\nglobal latent m : real\nlatent z : real\np(m) = Normal(0, 1)\np(z | m) = Normal(m, 1)\np(y | z) = Normal(z, 1)\n`)).toEqual([]);
  });
  it('a global factor may not read data, even through a let', () => {
    const d = only(`model t\ndata x : real\ndata y : real\nlet h = 2 * x\nglobal latent m : real\np(m) = Normal(h, 1)\np(y | m) = Normal(m + x, 1)\n`);
    expect(d.code).toBe('E0701');
    expect(d.message).toContain("depends on the per-row covariate 'x'");
  });
  it('a param prior is global unless the param is local', () => {
    expect(only(`model t\ndata x : real\nparam s : positive\np(s | x) = Gamma(x * x + 1, 1)\np(x) = Normal(0, s)\n`).code).toBe('E0701');
  });
  it('assigns localities to expressions', () => {
    const m = clean(`model t\ndata x : real\nglobal latent a : real\nlatent b : real\np(a) = Normal(0, 1)\np(b) = Normal(0, 1)\nlet g = a * 2\nlet l = a + b\np(x | g, l) = Normal(g + l, 1)\n`);
    const loc = (n: string) => { const s = m.symbols.get(n); return s?.kind === 'let' ? s.expr?.locality : undefined; };
    expect([loc('g'), loc('l')]).toEqual(['global', 'local']);
  });
});

describe('model structure', () => {
  it('a p factor for a covariate makes it observed', () => {
    const m = clean(`model t\ndata x : real\ndata y : real\np(y) = Normal(0, 1)\np(x | y) = Normal(y, 1)\n`);
    const x = m.symbols.get('x');
    expect(x?.kind === 'data' && x.role).toBe('observed');
  });
  it('a p factor for a param is its prior (MAP)', () => {
    const m = clean(`model t\ndata y : real\nparam s : positive = 1\np(s) = Gamma(2, 2)\np(y) = Normal(0, s)\n`);
    expect(m.priorOf.get('s')).toBe('p:s');
    const s = m.symbols.get('s');
    expect(s?.kind === 'param' && s.init).toBe(1);
  });
  it('a latent with two priors, and a latent without', () => {
    expect(codes(`model t\nglobal latent a : real\np(a) = Normal(0, 1)\np(a) = Normal(1, 1)\n`)).toEqual(['E0502']);
    expect(codes(`model t\ndata y : real\nglobal latent a : real\np(y) = Normal(0, 1)\n`)).toEqual(['E0501']);
  });
  it('reports a cycle of factors once, naming the path', () => {
    const ds = check(`model t\nglobal latent a : real\nglobal latent b : real\nglobal latent c : real\np(a | c) = Normal(c, 1)\np(b | a) = Normal(a, 1)\np(c | b) = Normal(b, 1)\n`).diagnostics;
    expect(ds.map((d) => d.code)).toEqual(['E0204']);
    expect(ds[0]!.message).toBe("the model's factors depend on each other in a cycle: 'a' → 'c' → 'b' → 'a'");
  });
  it('lets: self-reference is a cycle, forward reference is use before definition, factors may look ahead', () => {
    expect(codes(`model t\ndata y : real\nlet a = a\np(y) = Normal(a, 1)\n`)).toEqual(['E0204']);
    expect(codes(`model t\ndata y : real\nlet a = b\nlet b = 1\np(y) = Normal(a, 1)\n`)).toEqual(['E0203']);
    const d = only(`model t\ndata y : real\nlet a = 2 * c\nlet b = a + 1\nlet c = b\np(y) = Normal(a, 1)\n`);
    expect([d.code, d.message]).toEqual(['E0204', "'a' and 'c' are defined in terms of each other"]);
    expect(codes(`model t\ndata y : real\np(y) = Normal(a, 1)\nlet a = 1\n`)).toEqual([]);
  });
  it('built-in function names cannot be declared', () => {
    const d = check(`model t\ndim D = 2\ndata x : real[D]\nnet exp = mlp(D -> 3 -> D)\np(x) = Normal(0, 1)\n`).diagnostics[0]!;
    expect([d.code, d.message]).toEqual(['E0202', "'exp' is the name of a built-in function"]);
  });
  it('suggests names within edit distance', () => {
    expect(only(`model t\ndata y : real\nglobal latent sigma : positive\np(sigma) = HalfNormal(1)\np(y | sigma) = Normal(0, sigam)\n`).hint).toBe("did you mean 'sigma'?");
  });
  it('warns about declarations no factor uses', () => {
    const ds = check(`model t\ndata y : real\ndata w : real\nparam unused : real\nnet f = mlp(1 -> 2 -> 1)\np(y) = Normal(0, 1)\n`).diagnostics;
    expect(ds.map((d) => [d.code, d.message])).toEqual([
      ['W0201', "data 'w' is never used by any factor"],
      ['W0201', "param 'unused' is never used by any factor"],
      ['W0201', "net 'f' is never used by any factor"],
    ]);
  });
});

describe('guides', () => {
  const model = `model t
dim D = 4
dim K = 2
data x : real[D]
global latent s : positive
latent z : real[K]
param W : real[D, K]
p(s) = Gamma(2, 2)
p(z) = Normal(0, 1)
p(x | z, s) = Normal(W @ z, s)
`;
  it('a written guide covers every latent once, with its own params, nets and lets', () => {
    const m = clean(`${model}guide g {
  param a : positive
  param b : positive
  net enc = mlp(D -> 8 -> 2 * K, tanh)
  let h = enc(x)
  q(s) = Gamma(a, b)
  q(z | x) = Normal(h[0:K], softplus(h[K:2*K]))
}\n`);
    const g = m.guides[0]!;
    expect(g.kind === 'written' && g.covers).toEqual({ s: 'q:g:s', z: 'q:g:z' });
    expect(g.kind === 'written' && g.symbols).toEqual(['g.a', 'g.b', 'g.enc', 'g.h']);
  });
  it('structured guides condition on other latents', () => {
    expect(codes(`${model}guide g {
  param a : positive
  param m : real[K]
  q(s) = Gamma(a, a)
  q(z | s) = Normal(m, s)
}\n`)).toEqual([]);
  });
  it('q factors that condition on each other in a circle', () => {
    const d = only(`model t\ndata y : real\nlatent a : real\nlatent b : real\np(a) = Normal(0, 1)\np(b) = Normal(0, 1)\np(y | a, b) = Normal(a + b, 1)\nguide g {\n  q(a | b) = Normal(b, 1)\n  q(b | a) = Normal(a, 1)\n}\n`);
    expect(d.message).toBe("the q factors of guide 'g' depend on each other in a cycle: 'a' → 'b' → 'a'");
  });
  it('uncovered and twice-covered latents', () => {
    expect(codes(`${model}guide g {\n  param m : real[K]\n  q(z) = Normal(m, 1)\n}\n`)).toEqual(['E0601']);
    expect(codes(`${model}guide g {\n  param m : real[K]\n  q(s) = Gamma(1, 1)\n  q(z) = Normal(m, 1)\n  q(z) = Normal(m, 2)\n}\n`)).toEqual(['E0602']);
  });
  it('a guide\'s names are not visible in the model or other guides', () => {
    const d = only(`${model}guide g {\n  param m : real[K]\n  q(s) = Gamma(1, 1)\n  q(z) = Normal(m, 1)\n}\nguide h {\n  q(s) = Gamma(1, 1)\n  q(z) = Normal(m, 1)\n}\n`);
    expect([d.code, d.hint]).toEqual(['E0201', "'m' is declared in guide 'g', which only that guide can read"]);
  });
  it('model params and nets are not visible in guides', () => {
    const d = only(`${model}guide g {\n  q(s) = Gamma(1, 1)\n  q(z | x) = Normal(transpose(W) @ x, 1)\n}\n`);
    expect(d.code).toBe('E0606');
  });
  it('automatic guides and their options', () => {
    const m = clean(`${model}guide a = amortized(hidden = [64, 32], activation = tanh)\nguide mf = meanfield(init_scale = 0.1)\nguide d = delta\n`);
    expect(m.guides).toMatchObject([
      { kind: 'auto', name: 'a', strategy: 'amortized', options: { hidden: [64, 32], activation: 'tanh' } },
      { kind: 'auto', name: 'mf', strategy: 'meanfield', options: { initScale: 0.1 } },
      { kind: 'auto', name: 'd', strategy: 'delta', options: {} },
    ]);
    expect(only(`${model}guide a = amortized(hidden = [0])\n`).code).toBe('E0605');
    expect(only(`${model}guide a = delta(hidden = [3])\n`).message).toBe("'delta' has no option 'hidden'");
  });
});

describe('the infer block', () => {
  const base = `model t\ndata y : real\nglobal latent m : real\np(m) = Normal(0, 1)\np(y | m) = Normal(m, 1)\nguide mf = meanfield\ndim B = 64\n`;
  it('resolves every setting', () => {
    const m = clean(`${base}infer {\n  method = svi\n  guide = mf\n  objective = infovae(lambda = 100, alpha = 0.5)\n  optimizer = rmsprop(lr = 1e-3)\n  samples = 4\n  batch = B\n  epochs = 3\n  iters = 2 * 500\n  seed = 0\n}\n`);
    expect(m.infer).toEqual({
      method: 'svi', guide: 'mf', objective: { kind: 'infovae', lambda: 100, alpha: 0.5 }, optimizer: { kind: 'rmsprop', lr: 1e-3 },
      samples: 4, batch: 64, epochs: 3, iters: 1000, seed: 0,
    });
  });
  it.each([
    ['objective = iwae(5)', { objective: { kind: 'iwae', k: 5 } }],
    ['objective = beta(4)', { objective: { kind: 'beta', beta: 4 } }],
    ['objective = elbo', { objective: { kind: 'elbo' } }],
    ['optimizer = sgd', { optimizer: { kind: 'sgd' } }],
  ])('%s', (setting, expected) => {
    expect(clean(`${base}infer { ${setting} }\n`).infer).toEqual(expected);
  });
  it.each([
    ['method = mcmc', 'E0902'],
    ['objective = iwae(2.5)', 'E0904'],
    ['objective = beta(0)', 'E0904'],
    ['objective = infovae(lambda = 1)', 'E0904'],
    ['optimizer = adam(rate = 0.1)', 'E0905'],
    ['optimizer = adam(lr = -1)', 'E0905'],
    ['seed = -1', 'E0906'],
    ['epochs = 2.5', 'E0906'],
    ['samples = m', 'E0304'],
    ['guide = nope', 'E0903'],
    ['lr = 0.1', 'E0901'],
  ])('%s is rejected with %s', (setting, code) => {
    expect(codes(`${base}infer { ${setting} }\n`)).toEqual([code]);
  });
});

describe('param initial values', () => {
  const init = (type: string, value: string) => `model t\ndata y : real\nparam w : ${type} = ${value}\np(y) = Normal(sum(w), 1)\n`;
  it.each([
    ['positive[3]', '2'],
    ['simplex[2]', '0.5'],
    ['simplex[4, 2]', '[0.25, 0.75]'],
    ['cholesky[2]', '[[1, 0], [0.5, 2]]'],
    ['real[100000, 100000]', '0'],
  ])('%s = %s is accepted', (type, value) => {
    expect(codes(init(type!, value!)).filter((c) => c !== 'W0401')).toEqual([]);
  });
  it.each([
    ['positive[3]', '[1, 0, 2]'],
    ['simplex[3]', '0.5'],
    ['cholesky[2]', '[[1, 1], [0, 1]]'],
    ['covariance[2]', '[[1, 2], [2, 1]]'],
    ['real[3]', '[1, 2]'],
  ])('%s = %s is rejected', (type, value) => {
    expect(codes(init(type!, value!))).toEqual(['E0314']);
  });
});
