/**
 * Table-driven: sample moments against the declared mean and variance, and the declared entropy
 * against −E log p(x), at fixed seeds, within 5 Monte Carlo standard errors.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, test } from 'vitest';
import { Rng } from '../../src/distributions/index.js';
import { checkEntropyByMonteCarlo, checkSampleMoments } from './conformance.js';
import { builtinCases } from './table.js';

const N = 10000;

const withMoments = builtinCases.filter((c) => c.row.mean !== undefined);
const withEntropy = builtinCases.filter((c) => c.row.entropy !== undefined);

describe('sample moments match the declared mean and variance', () => {
  test.each(withMoments.map((c) => [c.row.id, c] as const))('%s', (id, { make }) =>
    tf.tidy(() => checkSampleMoments(make(), new Rng(101), N, id)),
  );
});

describe('entropy matches its Monte Carlo estimate', () => {
  test.each(withEntropy.map((c) => [c.row.id, c] as const))('%s', (id, { make }) =>
    tf.tidy(() => checkEntropyByMonteCarlo(make(), new Rng(202), N, id)),
  );
});
