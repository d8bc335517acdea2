import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as numerics from '../../src/numerics/index.js';
import { useBackendFromEnv } from './helpers.js';

beforeAll(useBackendFromEnv);

// Every tensor op, called with a plain number where a tensor belongs, must say which op and which argument.
const notATensor = 3 as unknown as tf.Tensor;
const cases: [string, () => unknown, RegExp][] = [
  ['lgamma', () => numerics.lgamma(notATensor), /^lgamma: expected x to be a tf.Tensor, got number$/],
  ['digamma', () => numerics.digamma(notATensor), /^digamma: expected x to be a tf.Tensor, got number$/],
  ['trigamma', () => numerics.trigamma(notATensor), /^trigamma: expected x to be a tf.Tensor, got number$/],
  ['polygamma', () => numerics.polygamma(2, notATensor), /^polygamma: expected x to be a tf.Tensor, got number$/],
  ['log1p', () => numerics.log1p(notATensor), /^log1p: expected x to be a tf.Tensor, got number$/],
  ['softplus', () => numerics.softplus(notATensor), /^softplus: expected x to be a tf.Tensor, got number$/],
  ['logSigmoid', () => numerics.logSigmoid(notATensor), /^logSigmoid: expected x to be a tf.Tensor, got number$/],
  ['log1mExp', () => numerics.log1mExp(notATensor), /^log1mExp: expected x to be a tf.Tensor, got number$/],
  ['logSumExp', () => numerics.logSumExp(notATensor), /^logSumExp: expected x to be a tf.Tensor, got number$/],
  ['studentTLogNormalizer', () => numerics.studentTLogNormalizer(notATensor), /^studentTLogNormalizer: expected df to be a tf.Tensor/],
  ['logBeta', () => numerics.logBeta(tf.scalar(1), notATensor), /^logBeta: expected b to be a tf.Tensor, got number$/],
  ['log1pSquareOver', () => numerics.log1pSquareOver(notATensor, tf.scalar(1)), /^log1pSquareOver: expected x to be a tf.Tensor/],
  ['cholesky', () => numerics.cholesky([[1]] as unknown as tf.Tensor), /^cholesky: expected A to be a tf.Tensor, got an array$/],
  ['triangularSolve', () => numerics.triangularSolve(tf.eye(2), notATensor), /^triangularSolve: expected B to be a tf.Tensor/],
];

describe('argument checking', () => {
  for (const [name, call, message] of cases) {
    it(`${name} rejects a non-tensor argument with a TypeError naming op and argument`, () => {
      tf.tidy(() => {
        expect(call).toThrow(TypeError);
        expect(call).toThrow(message);
      });
    });
  }
});
