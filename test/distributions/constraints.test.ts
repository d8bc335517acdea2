/** Constraints: tensor checks, static set relations the compiler uses, and the type → constraint map. */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { constraintForType, constraints as c } from '../../src/distributions/index.js';

const check = (k: c.Constraint, x: tf.Tensor) => tf.tidy(() => Array.from(k.check(x).dataSync()).map(Boolean));

describe('check', () => {
  test('real intervals', () => {
    const x = tf.tensor1d([-1, 0, 0.5, 1, NaN, Infinity]);
    expect(check(c.real, x)).toEqual([true, true, true, true, false, false]);
    expect(check(c.positive, x)).toEqual([false, false, true, true, false, false]);
    expect(check(c.nonnegative, x)).toEqual([false, true, true, true, false, false]);
    expect(check(c.unitInterval, x)).toEqual([false, false, true, false, false, false]);
    expect(check(c.probability, x)).toEqual([false, true, true, true, false, false]);
    expect(check(c.greaterThan(0.7), x)).toEqual([false, false, false, true, false, false]);
  });

  test('integer ranges', () => {
    const x = tf.tensor1d([-1, 0, 1, 2, 2.5]);
    expect(check(c.boolean, x)).toEqual([false, true, true, false, false]);
    expect(check(c.integer, x)).toEqual([true, true, true, true, false]);
    expect(check(c.nonnegativeInteger, x)).toEqual([false, true, true, true, false]);
    expect(check(c.integerInterval(0, 1), x)).toEqual([false, true, true, false, false]);
  });

  test('event constraints give one answer per event', () => {
    expect(check(c.simplex, tf.tensor2d([[0.2, 0.8], [0.5, 0.6], [-0.1, 1.1]]))).toEqual([true, false, false]);
    const lower = tf.tensor3d([[[1, 0], [2, 3]], [[1, 1], [0, 1]], [[-1, 0], [0, 1]]]);
    expect(check(c.lowerCholesky, lower)).toEqual([true, false, false]);
    const pd = tf.tensor3d([[[2, 1], [1, 2]], [[1, 2], [2, 1]], [[1, 0.5], [0.4, 1]]]);
    expect(check(c.positiveDefinite, pd)).toEqual([true, false, false]);
    expect(check(c.independent(c.positive, 1), tf.tensor2d([[1, 2], [1, -2]]))).toEqual([true, false]);
  });

  test('readable names', () => {
    expect(String(c.positive)).toBe('GreaterThan(0)');
    expect(String(c.real)).toBe('Real');
    expect(String(c.unitInterval)).toBe('Interval(0, 1)');
    expect(String(c.interval(-1, 2.5))).toBe('Interval(-1, 2.5)');
    expect(String(c.integerInterval(0, 9))).toBe('IntegerInterval(0, 9)');
    expect(String(c.boolean)).toBe('Boolean');
    expect(String(c.nonnegativeInteger)).toBe('IntegerGreaterThanEq(0)');
    expect(String(c.independent(c.positive, 1))).toBe('Independent(GreaterThan(0), 1)');
  });
});

describe('set relations without tensors', () => {
  test('equals', () => {
    expect(c.interval(0, 1).equals(c.unitInterval)).toBe(true);
    expect(c.greaterThan(0).equals(c.positive)).toBe(true);
    expect(c.integerInterval(0, 1).equals(c.boolean)).toBe(true);
    expect(c.positive.equals(c.nonnegative)).toBe(false);
    expect(c.simplex.equals(c.simplex)).toBe(true);
    expect(c.lowerCholesky.equals(c.positiveDefinite)).toBe(false);
  });

  test('contains', () => {
    expect(c.real.contains(c.positive)).toBe(true);
    expect(c.positive.contains(c.real)).toBe(false);
    expect(c.nonnegative.contains(c.positive)).toBe(true);
    expect(c.positive.contains(c.nonnegative)).toBe(false);
    expect(c.probability.contains(c.unitInterval)).toBe(true);
    expect(c.unitInterval.contains(c.probability)).toBe(false);
    expect(c.interval(-1, 2).contains(c.unitInterval)).toBe(true);
    expect(c.integerInterval(0, 4).contains(c.boolean)).toBe(true);
    expect(c.integerInterval(0, 0).contains(c.boolean)).toBe(false);
    expect(c.nonnegativeInteger.contains(c.integerInterval(0, 9))).toBe(true);
    expect(c.integer.contains(c.nonnegativeInteger)).toBe(true);
    // ℤ ⊂ ℝ, and {0, 1} ⊂ [0, 1] but not (0, 1).
    expect(c.real.contains(c.integer)).toBe(true);
    expect(c.probability.contains(c.boolean)).toBe(true);
    expect(c.unitInterval.contains(c.boolean)).toBe(false);
    expect(c.boolean.contains(c.unitInterval)).toBe(false);
    expect(c.independent(c.real, 1).contains(c.positive)).toBe(true);
    expect(c.real.contains(c.independent(c.positive, 1))).toBe(true);
  });

  test('bad bounds are rejected', () => {
    expect(() => c.interval(1, 1)).toThrow('need lower < upper');
    expect(() => c.integerInterval(0.5, 3)).toThrow('integer bounds');
  });
});

describe('constraintForType', () => {
  test('maps every language type', () => {
    expect(constraintForType('real')).toBe(c.real);
    expect(constraintForType('positive')).toBe(c.positive);
    expect(constraintForType('unit')).toBe(c.unitInterval);
    expect(constraintForType('interval', [2, 5]).equals(c.interval(2, 5))).toBe(true);
    expect(constraintForType('binary')).toBe(c.boolean);
    expect(constraintForType('int')).toBe(c.integer);
    expect(constraintForType('count')).toBe(c.nonnegativeInteger);
    expect(constraintForType('category', [10]).equals(c.integerInterval(0, 9))).toBe(true);
    expect(constraintForType('simplex')).toBe(c.simplex);
    expect(constraintForType('cholesky')).toBe(c.lowerCholesky);
    expect(constraintForType('covariance')).toBe(c.positiveDefinite);
  });

  test('names what is wrong', () => {
    expect(() => constraintForType('category', [])).toThrow("'category' takes 1 argument, got 0");
    expect(() => constraintForType('category', [2.5])).toThrow('category(K) needs an integer K ≥ 1, got 2.5');
    expect(() => constraintForType('interval', [3, 1])).toThrow('interval(a, b) needs a < b, got interval(3, 1)');
    expect(() => constraintForType('real', [1])).toThrow("'real' takes 0 arguments, got 1");
  });
});
