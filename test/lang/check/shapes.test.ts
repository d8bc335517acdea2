import { describe, expect, it } from 'vitest';
import { around, clean, letExpr, only } from './helpers.js';

const decls = `
dim D = 5
dim K = 3
param A : real[D, K]
param B : real[K, 4]
param v : real[K]
param w : real[D]
param M : real[2, D, K]
param c3 : real[K, D]
`;

/** Row shape of `expr` when declared as a let after the shared declarations. */
function shapeOf(expr: string): readonly number[] {
  return letExpr(clean(around(`${decls}\nlet r = ${expr}`)), 'r').rowShape;
}

describe('row-shape inference', () => {
  it.each([
    ['A @ v', [5]], // [D,K] @ [K] -> [D]
    ['w @ A', [3]], // [D] @ [D,K] -> [K]
    ['A @ B', [5, 4]], // [A,B] @ [B,C] -> [A,C]
    ['v @ v', []],
    ['A + v', [5, 3]], // broadcasting trailing dims
    ['A * 2', [5, 3]],
    ['w[0]', []],
    ['w[1:4]', [3]],
    ['w[:2]', [2]],
    ['A[:, 1]', [5]],
    ['A[2]', [3]],
    ['M[1, 2:4]', [2, 3]],
    ['sum(A)', []],
    ['sum(A, 0)', [3]],
    ['sum(A, -1)', [5]],
    ['logsumexp(A, 1)', [5]],
    ['softmax(v)', [3]],
    ['transpose(A)', [3, 5]],
    ['transpose(M)', [2, 3, 5]],
    ['dot(v, v)', []],
    ['dot(A, v)', [5]],
    ['[v, v]', [2, 3]],
    ['[1, 2, 3, 4]', [4]],
    ['exp(A) + log1p(square(v))', [5, 3]],
    ['c3 @ w', [3]],
  ])('%s has row shape %j', (expr, shape) => {
    expect(shapeOf(expr)).toEqual(shape);
  });

  it.each([
    ['A @ w', 'E0306', 'inner sizes 3 and 5 differ'],
    ['M @ v', 'E0306', 'both operands must be vectors or matrices'],
    ['A + w', 'E0305', 'shapes [5, 3] and [5] do not broadcast'],
    ['w[5]', 'E0307', 'index 5 is out of range for axis 0 of size 5'],
    ['w[3:2]', 'E0307', 'slice 3:2 does not fit axis 0 of size 5'],
    ['w[0, 1]', 'E0307', 'too many indices'],
    ['sum(w, 2)', 'E0309', 'axis 2 is outside'],
    ['transpose(w)', 'E0309', "'transpose' needs a matrix"],
    ['dot(v, w)', 'E0305', 'cannot take dot'],
    ['[v, w]', 'E0313', 'vector element has shape [5]'],
    ['softmax(2)', 'E0309', "'softmax' needs a vector"],
    ['w[1.5]', 'E0308', 'an index must be a scalar integer'],
  ])('%s is rejected with %s', (expr, code, message) => {
    const d = only(around(`${decls}\nlet r = ${expr}`));
    expect(d.code).toBe(code);
    expect(d.message).toContain(message);
  });
});

describe('constant folding', () => {
  it('folds dims, consts and arithmetic', () => {
    const m = clean(around('dim K = 4\ndim H = 2 * K + 1\nconst s = 0.5\nlet r = s * (H - K) ^ 2'));
    expect(m.dims).toEqual({ K: 4, H: 9 });
    expect(m.consts).toEqual({ s: 0.5 });
    expect(letExpr(m, 'r').constant).toBe(12.5);
  });

  it('folds vector literals elementwise with broadcasting', () => {
    const m = clean(around('let r = [[1, 2], [3, 4]] * [10, 100] - 1'));
    expect(letExpr(m, 'r').constant).toEqual([[9, 199], [29, 399]]);
    expect(letExpr(m, 'r').rowShape).toEqual([2, 2]);
  });

  it('folds built-in functions of constants', () => {
    const m = clean(around('let r = softplus(0) + exp(1) + sigmoid(0)'));
    expect(letExpr(m, 'r').constant).toBeCloseTo(Math.log(2) + Math.E + 0.5, 12);
  });

  it('types integer arithmetic as int and division as float', () => {
    const m = clean(around('dim K = 3\nlet a = K * 2 + 1\nlet b = K / 2'));
    expect(letExpr(m, 'a').dtype).toBe('int');
    expect(letExpr(m, 'b').dtype).toBe('float');
    expect(letExpr(m, 'b').constant).toBe(1.5);
  });

  it('requires dims to be positive integers', () => {
    expect(only(around('dim K = 0')).code).toBe('E0303');
    expect(only(around('dim K = 3 / 2')).message).toContain('got 1.5');
  });
});

describe('indexing by discrete values', () => {
  const mixture = (k: number) => `model t
dim K = 3
dim D = 2
data x : real[D]
param weights : simplex[K]
param mu : real[${k}, D]
latent c : category(K)
p(c) = Categorical(weights)
let m = mu[c]
p(x | c) = Normal(m, 1)
`;
  it('gathers a row: mu[c] with mu : real[K, D] is real[D], local', () => {
    const e = letExpr(clean(mixture(3)), 'm');
    expect(e.rowShape).toEqual([2]);
    expect(e.locality).toBe('local');
    expect(e.op === 'index' && e.items[0]!.kind).toBe('gather');
  });
  it('checks the category size against the indexed axis', () => {
    const d = only(mixture(4));
    expect(d.code).toBe('E0308');
    expect(d.message).toBe("'c' is a category(3) but indexes axis 0 of size 4");
  });
});

describe('networks', () => {
  const net = (input: string) => around(`dim D = 6\nparam h : real[D]\nparam s : real\nnet f = mlp(D -> 8 -> 2, tanh)\nnet g = mlp(1 -> 4 -> 1)\nlet r = ${input}`);
  it('maps the last axis from the input width to the output width', () => {
    expect(letExpr(clean(net('f(h)')), 'r').rowShape).toEqual([2]);
    expect(letExpr(clean(net('f([h, h, h])')), 'r').rowShape).toEqual([3, 2]);
  });
  it('feeds scalars as size-1 vectors and squeezes a size-1 output back', () => {
    expect(letExpr(clean(net('g(s)')), 'r').rowShape).toEqual([]);
  });
  it('names both sizes on a mismatch', () => {
    const d = only(net('f(h[0:4])'));
    expect(d.code).toBe('E0312');
    expect(d.message).toBe("network 'f' takes inputs of size 6, but this value has shape [4] (last size 4)");
  });
});
