import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { constraints, registerFamily, unregisterFamily, type FamilySpec } from '../../../src/distributions/index.js';
import { checkProgramWith, familyRegistry } from '../../../src/lang/check/index.js';
import { parseSource } from '../../../src/lang/parse.js';
import { check, clean, codes, only } from './helpers.js';

/** Codes other than unused-declaration warnings (the test programs declare more than each case uses). */
const used = (text: string) => codes(text).filter((c) => c !== 'W0201');

/** A family that exists only in this test: the checker must read everything about it from its spec. */
const wald: FamilySpec = {
  name: 'Wald',
  params: [
    { name: 'mean', constraint: constraints.positive, eventRank: 0 },
    { name: 'shape', constraint: constraints.positive, eventRank: 0 },
  ],
  support: () => constraints.positive,
  eventShape: () => [],
  discrete: false,
  hasRsample: false,
  create: () => {
    throw new Error('not used by the checker');
  },
};

describe('a plugin family is checked like a built-in', () => {
  beforeAll(() => registerFamily(wald));
  afterAll(() => unregisterFamily('Wald'));
  const prog = (type: string, dist: string) => `model t\ndata y : ${type}\np(y) = ${dist}\n`;

  it('accepts a well-formed factor', () => {
    const m = clean(prog('positive', 'Wald(1, shape = 2)'));
    expect(Object.keys(m.factors.get('p:y')!.args)).toEqual(['mean', 'shape']);
  });
  it('compares its support with the declared type', () => {
    const d = only(prog('real', 'Wald(1, 2)'));
    expect(d.code).toBe('E0401');
    expect(d.message).toBe("Wald has support GreaterThan(0), but 'y' is declared real (Real)");
  });
  it('checks its parameter constraints and names', () => {
    expect(only(prog('positive', 'Wald(-1, 2)')).message).toBe("'mean' of Wald must be in GreaterThan(0), got -1");
    const d = only(prog('positive', 'Wald(1, shap = 2)'));
    expect([d.code, d.hint]).toEqual(['E0505', "did you mean 'shape'?"]);
  });
  it('is suggested for a misspelt family name and as an alternative support', () => {
    expect(only(prog('positive', 'Wlad(1, 2)')).hint).toBe("did you mean 'Wald'?");
  });
});

describe('argument binding with oneOf groups and defaults (injected registry)', () => {
  const pair: FamilySpec = {
    ...wald,
    name: 'Pair',
    params: [
      { name: 'a', constraint: constraints.real, eventRank: 0, default: 0 },
      { name: 'b', constraint: constraints.positive, eventRank: 0 },
      { name: 'c', constraint: constraints.positive, eventRank: 0 },
    ],
    oneOf: [['b', 'c']],
    support: () => constraints.real,
  };
  const families = familyRegistry((n) => (n === 'Pair' ? pair : undefined), () => ['Pair']);
  const run = (args: string) => {
    const file = { path: 't.vmodel', text: `model t\ndata y : real\np(y) = Pair(${args})\n` };
    return checkProgramWith(parseSource(file).program!, file, families);
  };
  it('fills a defaulted parameter with its default', () => {
    const r = run('c = 2');
    expect(r.diagnostics).toEqual([]);
    const args = r.model!.factors.get('p:y')!.args;
    expect(args.a!.constant).toBe(0);
    expect(args.c!.constant).toBe(2);
    expect(args.b).toBeUndefined();
  });
  it('binds positional arguments in parameter order', () => {
    const args = run('1, 2').model!.factors.get('p:y')!.args;
    expect([args.a!.constant, args.b!.constant]).toEqual([1, 2]);
  });
  it('rejects both or neither alternative, duplicates, and positional after named', () => {
    expect(run('b = 1, c = 2').diagnostics.map((d) => d.code)).toEqual(['E0507']);
    expect(run('a = 1').diagnostics.map((d) => d.message)).toEqual(["Pair needs one of 'b' or 'c'"]);
    expect(run('1, a = 2, b = 1').diagnostics.map((d) => d.code)).toEqual(['E0507']);
    expect(run('b = 1, 2').diagnostics.map((d) => d.code)).toEqual(['E0508']);
  });
});

describe('errors inside arguments are still reported when the family or binding fails', () => {
  it('unknown family and an unknown name in its arguments', () => {
    expect(codes(`model t\ndata y : real\np(y) = Nrmal(mu, 1)\n`)).toEqual(['E0207', 'E0201']);
    expect(codes(`model t\ndata y : real\np(y) = Normal(mu, sclae = 1)\n`)).toEqual(['E0201', 'E0505']);
  });
});

describe('argument constraints', () => {
  const prog = (scale: string) => `model t\ndim D = 3\ndata x : real[D]\nparam h : real[D]\nparam s : positive\np(x) = Normal(0, ${scale})\n`;
  it('accepts expressions known to be positive', () => {
    for (const scale of ['exp(h)', 'softplus(h)', 's', 's * s + 1', '1 / s', 'sqrt(s)', '0.5', 'exp(h) + s', 'sigmoid(h)']) {
      expect(used(prog(scale)), scale).toEqual([]);
    }
  });
  it('rejects real-valued scales with a transform hint', () => {
    const d = only(prog('h'));
    expect(d.code).toBe('E0404');
    expect(d.message).toBe("'scale' of Normal must be in GreaterThan(0), but this expression can take values in (-∞, ∞)");
    expect(d.hint).toBe('wrap it in softplus(...) or exp(...), or declare the variable positive');
    expect(only(prog('s - 1')).message).toContain('(-1, ∞)');
  });
  it('warns when the scale can only reach the boundary', () => {
    expect(used(prog('relu(h)'))).toEqual(['W0401']);
    expect(used(prog('abs(h)'))).toEqual(['W0401']);
  });
  it('rejects constants outside the constraint', () => {
    expect(only(prog('0')).message).toBe("'scale' of Normal must be in GreaterThan(0), got 0");
    expect(only(prog('[1, -1, 1]')).message).toContain('got -1');
  });
  it('requires simplex arguments to be known simplices', () => {
    const cat = (probs: string) => `model t\ndim K = 3\ndata c : category(K)\nparam v : real[K]\nparam w : simplex[K]\np(c) = Categorical(probs = ${probs})\n`;
    for (const ok of ['w', 'softmax(v)', '[0.2, 0.3, 0.5]']) expect(used(cat(ok)), ok).toEqual([]);
    expect(only(cat('v')).message).toBe("'probs' of Categorical must be in Simplex, but this expression is in Real");
    expect(only(cat('[0.5, 0.6, 0.1]')).message).toBe("'probs' of Categorical must be in Simplex, got [0.5,0.6,0.1]");
  });
  it('requires integer parameters to be integer-valued', () => {
    const bin = (n: string) => `model t\ndata k : count\ndata n : count\np(k | n) = Binomial(total_count = ${n}, probs = 0.3)\n`;
    expect(codes(bin('n'))).toEqual([]);
    expect(used(bin('10'))).toEqual([]); // support {0..10} ⊂ count: fine for observed data
    expect(only(bin('2.5')).code).toBe('E0403');
  });
});

describe('supports and event shapes', () => {
  const prior = (type: string, dist: string) => `model t\ndim K = 3\nglobal latent v : ${type}\np(v) = ${dist}\n`;
  it('accepts matching supports, treating continuous end points as measure zero', () => {
    for (const [type, dist] of [
      ['positive', 'HalfNormal(1)'],
      ['positive', 'Gamma(2, 1)'],
      ['positive', 'HalfCauchy(1)'],
      ['unit', 'Beta(1, 1)'],
      ['interval(0, 2)', 'Uniform(0, 2)'],
      ['simplex[K]', 'Dirichlet([1, 1, 1])'],
      ['real[K]', 'MultivariateNormal([0, 0, 0], scale_tril = [[1, 0, 0], [0, 1, 0], [0, 0, 1]])'],
      ['real[2, K]', 'Normal(0, [1, 2, 3])'],
      ['count[K]', 'Poisson(2)'],
    ]) {
      expect(codes(prior(type!, dist!)), `${type} ~ ${dist}`).toEqual([]);
    }
  });
  it('rejects a support that differs from the declared type', () => {
    const d = only(prior('positive', 'Normal(0, 1)'));
    expect(d.code).toBe('E0401');
    expect(d.hint).toBe('use LogNormal(…), HalfNormal(…) or HalfCauchy(…)');
    expect(only(prior('unit', 'Uniform(0, 2)')).code).toBe('E0401');
  });
  it('for data declared wider than a continuous support, suggests the narrower declaration', () => {
    const d = only(`model t\ndata y : real\np(y) = LogNormal(0, 1)\n`);
    expect(d.message).toBe("LogNormal has support GreaterThan(0), but 'y' is declared real (Real)");
    expect(d.hint).toBe("declare 'y' as positive, or use Normal(…), Cauchy(…) or StudentT(…)");
  });
  it('keeps latents strict: a discrete prior must cover the whole declared type', () => {
    expect(only(prior('count', 'Binomial(10, probs = 0.5)')).code).toBe('E0401');
  });
  it('rejects event shapes that do not match the trailing declared dims', () => {
    expect(only(prior('real', 'MultivariateNormal([0, 0, 0], scale_tril = [[1, 0, 0], [0, 1, 0], [0, 0, 1]])')).code).toBe('E0311');
    expect(only(prior('simplex[4]', 'Dirichlet([1, 1, 1])')).message).toBe("Dirichlet(…) draws events of shape [3], but 'v' has shape [4]");
  });
  it('broadcasts arguments to the target but never the other way', () => {
    expect(only(prior('real[K]', 'Normal([0, 0], 1)')).code).toBe('E0310');
    expect(only(prior('real', 'Normal([0, 0, 0], 1)')).message).toBe("'loc' of Normal has shape [3], which does not fit 'v' of shape []");
  });
  it('records batch and event shapes on the checked factor', () => {
    const m = clean(`model t\ndim D = 2\ndim N = 4\nglobal latent v : real[N, D]\nparam L : cholesky[D]\np(v) = MultivariateNormal([0, 0], scale_tril = L)\n`);
    const f = m.factors.get('p:v')!;
    expect([f.targetShape, f.batchShape, f.eventShape]).toEqual([[4, 2], [4], [2]]);
  });
  it('checks guide supports for containment', () => {
    const guide = (q: string) => `model t\ndata y : real\nglobal latent t : positive\np(t) = Gamma(2, 2)\np(y | t) = Normal(0, t)\nguide g {\n  param m : real\n  param s : positive\n  q(t) = ${q}\n}\n`;
    expect(codes(guide('LogNormal(m, s)'))).toEqual([]);
    expect(codes(guide('Normal(m, s)'))).toEqual(['E0402']);
  });
});

describe('joint factors', () => {
  it('concatenates targets along the last axis', () => {
    const m = clean(`model t\ndata y : real\nglobal latent a : real\nglobal latent b : real[2]\np(a, b) = MultivariateNormal([0, 0, 0], scale_tril = [[1, 0, 0], [0, 1, 0], [0, 0, 1]])\np(y | a, b) = Normal(a + sum(b), 1)\n`);
    const f = m.factors.get('p:a,b')!;
    expect(f.targets).toEqual(['a', 'b']);
    expect(f.targetShape).toEqual([3]);
    expect(m.priorOf.get('a')).toBe('p:a,b');
  });
  it('reports targets of different kinds', () => {
    expect(check(`model t\nglobal latent a : real\nglobal latent b : positive\np(a, b) = Normal(0, 1)\n`).diagnostics.map((d) => d.code)).toEqual(['E0511']);
  });
});
