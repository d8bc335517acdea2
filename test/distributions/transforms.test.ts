/**
 * Transforms: round trips, log-abs-det-Jacobians against numerical Jacobians (central differences),
 * shape maps, and the constraint → transform registry.
 */
import * as tf from '@tensorflow/tfjs';
import { det } from 'mathjs';
import { describe, expect, test } from 'vitest';
import {
  AffineTransform,
  bijectTo,
  CholeskyOuterTransform,
  ComposeTransform,
  constraints,
  ExpTransform,
  IndependentTransform,
  LowerCholeskyTransform,
  registerTransform,
  SigmoidTransform,
  SoftplusTransform,
  StickBreakingTransform,
  Transform,
} from '../../src/distributions/index.js';

/** A transform, an unconstrained input (one event), and the free coordinates of an output. */
interface Case {
  readonly make: () => Transform;
  readonly u: number[];
  readonly free: (y: number[]) => number[];
}

const lowerEntries = (d: number) => (y: number[]) => {
  const out: number[] = [];
  for (let i = 0; i < d; i++) for (let j = 0; j <= i; j++) out.push(y[i * d + j]!);
  return out;
};
const same = (y: number[]) => y;

const cases: [string, Case][] = [
  ['Exp', { make: () => new ExpTransform(), u: [0.3], free: same }],
  ['Softplus', { make: () => new SoftplusTransform(), u: [-1.2], free: same }],
  ['Sigmoid', { make: () => new SigmoidTransform(), u: [0.8], free: same }],
  ['Affine', { make: () => new AffineTransform(2, -3), u: [0.4], free: same }],
  ['Interval(2, 5)', { make: () => bijectTo(constraints.interval(2, 5)), u: [-0.7], free: same }],
  ['GreaterThan(3)', { make: () => bijectTo(constraints.greaterThan(3)), u: [0.25], free: same }],
  ['Independent(Exp, 1)', { make: () => new IndependentTransform(new ExpTransform(), 1), u: [0.1, -0.4, 0.9], free: same }],
  ['Affine event rank 1', { make: () => new AffineTransform([1, 2], [0.5, -2], 1), u: [0.3, 0.2], free: same }],
  // Simplex: the last coordinate is determined by the others, so the Jacobian is of the first K − 1.
  ['StickBreaking', { make: () => new StickBreakingTransform(), u: [0.4, -0.3, 1.1], free: (y) => y.slice(0, -1) }],
  ['LowerCholesky', { make: () => new LowerCholeskyTransform(), u: [0.2, -0.5, 0.3, 0.7, 0.1, -0.2], free: lowerEntries(3) }],
  [
    'PositiveDefinite',
    { make: () => new ComposeTransform([new LowerCholeskyTransform(), new CholeskyOuterTransform()]), u: [0.2, -0.5, 0.3, 0.7, 0.1, -0.2], free: lowerEntries(3) },
  ],
];

function forwardVector(t: Transform, u: number[], shape: number[]): number[] {
  return tf.tidy(() => Array.from(t.forward(tf.tensor(u, shape)).dataSync()));
}

describe.each(cases)('%s', (_name, { make, u, free }) => {
  const t = make();
  const eventShape = t.domainEventRank === 0 ? [] : [u.length];
  const shapeOf = (n: number) => (eventShape.length === 0 ? [] : [n]);

  test('log|det J| matches the numerical Jacobian', () => {
    // Central differences in float32 with h = 1e-2: truncation O(h²) ≈ 1e-4 and rounding ≈ 1e-5
    // per entry, so log|det| agrees to about 1e-3.
    const h = 1e-2;
    const columns = u.map((_, j) => {
      const up = u.slice();
      const down = u.slice();
      up[j]! += h;
      down[j]! -= h;
      const fp = free(forwardVector(t, up, shapeOf(u.length)));
      const fm = free(forwardVector(t, down, shapeOf(u.length)));
      return fp.map((v, i) => (v - fm[i]!) / (2 * h));
    });
    const jacobian = columns[0]!.map((_, i) => columns.map((c) => c[i]!));
    const numeric = Math.log(Math.abs(det(jacobian) as number));
    const analytic = tf.tidy(() => {
      const x = tf.tensor(u, shapeOf(u.length));
      return t.logAbsDetJacobian(x, t.forward(x)).dataSync()[0]!;
    });
    expect(Math.abs(analytic - numeric)).toBeLessThan(1e-3 * (1 + Math.abs(numeric)));
  });

  test('inverse(forward(u)) = u, batched, with log|det J| per batch element, leaking nothing', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const batch = tf.stack([tf.tensor(u, shapeOf(u.length)), tf.mul(tf.tensor(u, shapeOf(u.length)), 0.5)]);
      const y = t.forward(batch);
      expect(y.shape).toEqual(t.forwardShape(batch.shape));
      expect(t.inverseShape(y.shape)).toEqual(batch.shape);
      expect(Array.from(t.codomain.check(y).dataSync())).toEqual([1, 1]);
      const back = t.inverse(y).dataSync();
      batch.dataSync().forEach((v, i) => expect(Math.abs(back[i]! - v)).toBeLessThan(1e-4 * (1 + Math.abs(v))));
      expect(t.logAbsDetJacobian(batch, y).shape).toEqual([2]);
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});

test('stick-breaking maps 0 to the uniform simplex and declares its shape change', () => {
  tf.tidy(() => {
    const t = new StickBreakingTransform();
    const y = t.forward(tf.zeros([4]));
    y.dataSync().forEach((v) => expect(v).toBeCloseTo(0.2, 6));
    expect(t.forwardShape([7, 4])).toEqual([7, 5]);
    expect(t.inverseShape([7, 5])).toEqual([7, 4]);
    expect(new LowerCholeskyTransform().forwardShape([2, 6])).toEqual([2, 3, 3]);
    expect(new LowerCholeskyTransform().inverseShape([2, 3, 3])).toEqual([2, 6]);
  });
});

describe('bijectTo registry', () => {
  test('maps each constraint to a transform onto it', () => {
    const expectations: [constraints.Constraint, string][] = [
      [constraints.real, 'Identity'],
      [constraints.positive, 'Exp'],
      [constraints.nonnegative, 'Exp'],
      [constraints.unitInterval, 'Sigmoid'],
      [constraints.interval(-1, 4), 'Compose(Sigmoid, Affine(-1, 5))'],
      [constraints.greaterThan(2), 'Compose(Exp, Affine(2, 1))'],
      [constraints.simplex, 'StickBreaking'],
      [constraints.lowerCholesky, 'LowerCholesky'],
      [constraints.positiveDefinite, 'Compose(LowerCholesky, CholeskyOuter)'],
      [constraints.independent(constraints.positive, 1), 'Independent(Exp, 1)'],
    ];
    for (const [c, name] of expectations) {
      const t = bijectTo(c);
      expect(t.toString(), String(c)).toBe(name);
      expect(t.codomain.equals(c) || c.contains(t.codomain), `${t} lands in ${c}`).toBe(true);
    }
  });

  test('samples pushed forward satisfy the constraint', () => {
    tf.tidy(() => {
      for (const c of [constraints.greaterThan(2), constraints.interval(-1, 4), constraints.simplex, constraints.positiveDefinite]) {
        const t = bijectTo(c);
        const shape = c.eventRank === 0 ? [5] : c === constraints.simplex ? [5, 3] : [5, 6];
        const y = t.forward(tf.randomNormal(shape, 0, 3, 'float32', 1));
        expect(Array.from(c.check(y).dataSync()).every(Boolean), String(c)).toBe(true);
      }
    });
  });

  test('discrete constraints have no bijection and say why', () => {
    expect(() => bijectTo(constraints.boolean)).toThrow(/no transform onto Boolean.*discrete/);
  });

  test('registerTransform adds a transform for a user constraint', () => {
    class Negative extends constraints.RealInterval {
      constructor() {
        super(-Infinity, 0);
      }
      override get name() {
        return 'Negative';
      }
    }
    registerTransform('Negative', () => new AffineTransform(0, -1));
    expect(bijectTo(new Negative()).toString()).toBe('Affine(0, -1)');
  });
});
