import { describe, expect, it } from 'vitest';
import { range, rangeOf, REAL, within, type Range } from '../../../src/lang/check/range.js';
import type { TypedExpr } from '../../../src/lang/check/typed-expr.js';
import { ELEMENTWISE } from '../../../src/lang/check/builtins.js';

const span = { start: 0, end: 0, startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };
const base = { rowShape: [] as number[], locality: 'global' as const, dtype: 'float' as const, span };
const ref = (id: string): TypedExpr => ({ ...base, op: 'ref', id, refKind: 'param' });
const lit = (v: number): TypedExpr => ({ ...base, op: 'const', constant: v });

/** A deterministic generator (LCG) so the property test is reproducible. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A point of `r` (closed ends included, open ends never), biased towards the ends. */
function pointIn(r: Range, u: () => number): number {
  const lo = Number.isFinite(r.lo) ? r.lo : -50;
  const hi = Number.isFinite(r.hi) ? r.hi : 50;
  const pick = u();
  let x = pick < 0.15 ? lo : pick > 0.85 ? hi : lo + (hi - lo) * u();
  if (x === r.lo && r.loOpen) x = r.lo + (hi - lo) * 1e-6 + 1e-9;
  if (x === r.hi && r.hiOpen) x = r.hi - (hi - lo) * 1e-6 - 1e-9;
  return x;
}

function contains(r: Range, x: number): boolean {
  if (Number.isNaN(x)) return true; // undefined results (log of a negative) are not range claims
  const tol = 1e-9 * Math.max(1, Math.abs(x));
  const loOk = r.loOpen ? x > r.lo - tol : x >= r.lo - tol;
  const hiOk = r.hiOpen ? x < r.hi + tol : x <= r.hi + tol;
  return loOk && hiOk;
}

const RANGES: Range[] = [
  REAL,
  range(0, Infinity, true),
  range(0, Infinity),
  range(0, 1, true, true),
  range(-3, -1),
  range(-2, 5, true, false),
  range(1, 4),
  range(-1, 1, true, true),
  range(0.5, 0.5),
];

describe('range analysis is sound', () => {
  const u = lcg(12345);
  const binary: [string, (a: number, b: number) => number][] = [
    ['add', (a, b) => a + b],
    ['sub', (a, b) => a - b],
    ['mul', (a, b) => a * b],
    ['div', (a, b) => a / b],
  ];
  for (const [fn, f] of binary) {
    it(`${fn}: every result of operands drawn from their ranges lies in the computed range`, () => {
      for (const ra of RANGES) {
        for (const rb of RANGES) {
          const e: TypedExpr = { ...base, op: 'binary', fn: fn as 'add', left: ref('a'), right: ref('b') };
          const r = rangeOf(e, (id) => (id === 'a' ? ra : rb), () => REAL);
          for (let i = 0; i < 40; i++) {
            const a = pointIn(ra, u);
            const b = pointIn(rb, u);
            if (fn === 'div' && b === 0) continue;
            expect(contains(r, f(a, b)), `${fn} of ${a}, ${b} in ${JSON.stringify(r)}`).toBe(true);
          }
        }
      }
    });
  }

  it('pow with constant exponents', () => {
    for (const ra of RANGES) {
      for (const k of [2, 3, 0.5, -1, -2]) {
        const e: TypedExpr = { ...base, op: 'binary', fn: 'pow', left: ref('a'), right: lit(k) };
        const r = rangeOf(e, () => ra, () => REAL);
        for (let i = 0; i < 40; i++) {
          const a = pointIn(ra, u);
          const v = a ** k;
          if (!Number.isFinite(v)) continue;
          expect(contains(r, v), `${a}^${k} in ${JSON.stringify(r)}`).toBe(true);
        }
      }
    }
  });

  for (const [fn, f] of Object.entries(ELEMENTWISE)) {
    it(`${fn}`, () => {
      for (const ra of RANGES) {
        const e: TypedExpr = { ...base, op: 'elementwise', fn: fn as 'exp', arg: ref('a') };
        const r = rangeOf(e, () => ra, () => REAL);
        for (let i = 0; i < 40; i++) {
          const a = pointIn(ra, u);
          const v = f(a);
          if (!Number.isFinite(v)) continue; // log(0) = -∞ is not a value
          expect(contains(r, v), `${fn}(${a}) in ${JSON.stringify(r)}`).toBe(true);
        }
      }
    });
  }
});

describe('range analysis is precise where the checker relies on it', () => {
  const pos = range(0, Infinity, true);
  const of = (e: TypedExpr, a: Range) => rangeOf(e, () => a, () => REAL);
  it('exp, softplus of anything and sums/products of positives are positive', () => {
    for (const fn of ['exp', 'softplus'] as const) {
      expect(within(of({ ...base, op: 'elementwise', fn, arg: ref('a') }, REAL), pos)).toBe(true);
    }
    expect(within(of({ ...base, op: 'binary', fn: 'mul', left: ref('a'), right: ref('a') }, pos), pos)).toBe(true);
    expect(within(of({ ...base, op: 'binary', fn: 'add', left: ref('a'), right: lit(1) }, pos), pos)).toBe(true);
    expect(within(of({ ...base, op: 'binary', fn: 'div', left: lit(1), right: ref('a') }, pos), pos)).toBe(true);
  });
  it('sigmoid is inside (0, 1); relu only reaches [0, ∞)', () => {
    expect(within(of({ ...base, op: 'elementwise', fn: 'sigmoid', arg: ref('a') }, REAL), range(0, 1, true, true))).toBe(true);
    const relu = of({ ...base, op: 'elementwise', fn: 'relu', arg: ref('a') }, REAL);
    expect(within(relu, range(0, Infinity))).toBe(true);
    expect(within(relu, pos)).toBe(false);
  });
  it('x * x is a square (non-negative), x * y of reals is not', () => {
    const sq = of({ ...base, op: 'binary', fn: 'mul', left: ref('a'), right: ref('a') }, REAL);
    expect(within(sq, range(0, Infinity))).toBe(true);
    const xy = rangeOf({ ...base, op: 'binary', fn: 'mul', left: ref('a'), right: ref('b') }, () => REAL, () => REAL);
    expect(within(xy, range(0, Infinity))).toBe(false);
  });
  it('a real value minus a positive one is not known positive', () => {
    expect(within(of({ ...base, op: 'binary', fn: 'sub', left: ref('a'), right: lit(1) }, pos), pos)).toBe(false);
  });
});
