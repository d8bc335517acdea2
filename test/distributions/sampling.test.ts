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

describe.each(builtinCases.map((c) => [c.row.id, c] as const))('%s', (id, { row, make }) => {
  test.runIf(row.mean !== undefined)('sample moments match the declared mean and variance', () =>
    tf.tidy(() => checkSampleMoments(make(), new Rng(101), N, id)),
  );
  test.runIf(row.entropy !== undefined)('entropy matches its Monte Carlo estimate', () =>
    tf.tidy(() => checkEntropyByMonteCarlo(make(), new Rng(202), N, id)),
  );
});
