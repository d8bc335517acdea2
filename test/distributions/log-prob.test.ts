/** Table-driven: log-densities, declared moments and entropies against scipy; shapes, seeding, memory. */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { builtinFamilies, Rng } from '../../src/distributions/index.js';
import {
  checkDeclaredMoments,
  checkLogProb,
  checkNoLeaks,
  checkShapesAndSeeding,
  checkSupportTransform,
} from './conformance.js';
import { builtinCases } from './table.js';

test('every built-in family except Delta has a reference row', () => {
  const covered = new Set(builtinCases.map((c) => c.row.family));
  const missing = builtinFamilies.map((f) => f.name).filter((n) => n !== 'Delta' && !covered.has(n));
  expect(missing).toEqual([]);
});

describe.each(builtinCases.map((c) => [c.row.id, c] as const))('%s', (_id, { row, make }) => {
  test('logProb matches scipy', () => tf.tidy(() => checkLogProb(make(), row)));

  test('mean, variance and entropy match scipy', () => tf.tidy(() => checkDeclaredMoments(make(), row)));

  test('sample shapes, seeding and broadcasting', () => tf.tidy(() => checkShapesAndSeeding(make(), row.id)));

  test('no leaked tensors', () => {
    const d = make();
    const x = tf.tensor(row.x as number[]);
    const before = tf.memory().numTensors;
    checkNoLeaks(d, x, new Rng(3), row.id);
    expect(tf.memory().numTensors).toBe(before);
  });

  test('support round-trips through its unconstraining transform', () =>
    tf.tidy(() => checkSupportTransform(make(), new Rng(5), row.id)));
});
