/**
 * Table-driven: pathwise (rsample) gradients against finite differences of the declared moments,
 * for every reparameterized family with a finite variance; Cauchy-type families, whose moments do
 * not exist, are checked against the exact per-draw derivatives of z = loc + scale·ε.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { Cauchy, HalfCauchy, Rng } from '../../src/distributions/index.js';
import { checkRsampleGradients } from './conformance.js';
import { builtinCases } from './table.js';

const withMoments = builtinCases.filter((c) => c.spec.hasRsample && c.row.variance !== undefined);

describe('pathwise gradients match finite differences of E[z] and E[z²]', () => {
  test.each(withMoments.map((c) => [c.row.id, c] as const))('%s', (id, { row, spec }) => {
    const before = tf.memory().numTensors;
    checkRsampleGradients(spec, row.params, new Rng(404), 2000, id);
    expect(tf.memory().numTensors).toBe(before);
  });
});

test('every reparameterized family is covered', () => {
  const covered = new Set([...withMoments.map((c) => c.row.family), 'Cauchy', 'HalfCauchy']);
  const missing = builtinCases.filter((c) => c.spec.hasRsample && !covered.has(c.row.family)).map((c) => c.row.id);
  expect(missing).toEqual([]);
});

test.each([
  ['Cauchy', [0.5, -1], (l: tf.Tensor, s: tf.Tensor) => new Cauchy(l, s)],
  ['HalfCauchy', [0, 0], (_l: tf.Tensor, s: tf.Tensor) => new HalfCauchy(s)],
] as const)('%s: per-draw dz/dscale = (z − loc)/scale', (_name, locValues, make) => {
  tf.tidy(() => {
    const loc = tf.tensor1d(locValues as unknown as number[]);
    const scale = tf.tensor1d([2, 0.3]);
    const draw = (s: tf.Tensor) => make(loc, s).rsample(new Rng(9), [50]);
    // The gradient of Σ z over 50 draws is Σ dz/dscale; the same seed replays the same draws.
    const got = tf.grad((s: tf.Tensor) => tf.sum(draw(s)))(scale).dataSync();
    const expected = tf.sum(tf.div(tf.sub(draw(scale), loc), scale), 0).dataSync();
    expected.forEach((e, i) => expect(Math.abs(got[i]! - e)).toBeLessThan(1e-4 * (1 + Math.abs(e))));
  });
});

test('Cauchy: dz/dloc = 1 per draw', () => {
  tf.tidy(() => {
    const g = tf.grad((l: tf.Tensor) => tf.sum(new Cauchy(l, 2).rsample(new Rng(9), [50])))(tf.tensor1d([0.5, -1]));
    expect(Array.from(g.dataSync())).toEqual([50, 50]);
  });
});
