import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { clipByGlobalNorm, globalNorm, learningRate, toSchedule } from '../../src/optim/index.js';

describe('learning-rate schedules', () => {
  it('constant', () => {
    expect(learningRate({ kind: 'constant', lr: 0.3 }, 0)).toBe(0.3);
    expect(learningRate({ kind: 'constant', lr: 0.3 }, 1e6)).toBe(0.3);
  });

  it('exponential: lr · rate^(t / decaySteps)', () => {
    const s = { kind: 'exponential', lr: 2, rate: 0.1, decaySteps: 10 } as const;
    expect(learningRate(s, 0)).toBe(2);
    expect(learningRate(s, 10)).toBeCloseTo(0.2, 15);
    expect(learningRate(s, 5)).toBeCloseTo(2 * Math.sqrt(0.1), 15);
  });

  it('cosine: from lr down to minLr over totalSteps, then flat', () => {
    const s = { kind: 'cosine', lr: 1, totalSteps: 100, minLr: 0.1 } as const;
    expect(learningRate(s, 0)).toBe(1);
    expect(learningRate(s, 50)).toBeCloseTo(0.55, 15);
    expect(learningRate(s, 100)).toBeCloseTo(0.1, 15);
    expect(learningRate(s, 500)).toBeCloseTo(0.1, 15);
    expect(learningRate({ kind: 'cosine', lr: 1, totalSteps: 4 }, 1)).toBeCloseTo((1 + Math.cos(Math.PI / 4)) / 2, 15);
  });

  it('warmup: linear ramp over warmupSteps, then the inner schedule', () => {
    const s = { kind: 'warmup', warmupSteps: 4, inner: { kind: 'constant', lr: 0.8 } } as const;
    [0.2, 0.4, 0.6, 0.8, 0.8, 0.8].forEach((lr, i) => expect(learningRate(s, [0, 1, 2, 3, 4, 9][i]!)).toBeCloseTo(lr, 15));
  });

  it('rejects bad fields by name', () => {
    expect(() => toSchedule(0)).toThrow('learning rate: lr must be a positive number, got 0');
    expect(() => toSchedule({ kind: 'exponential', lr: 1, rate: 0.5, decaySteps: 0 })).toThrow('decaySteps must be a positive number, got 0');
    expect(() => toSchedule({ kind: 'cosine', lr: 1, totalSteps: 10, minLr: 2 })).toThrow('minLr must lie in [0, lr], got 2');
    expect(() => toSchedule({ kind: 'warmup', warmupSteps: 3, inner: { kind: 'constant', lr: Number.NaN } })).toThrow('lr must be a positive number, got NaN');
    expect(() => toSchedule({ kind: 'linear' } as never)).toThrow("unknown schedule kind 'linear'");
  });
});

describe('clipByGlobalNorm', () => {
  it('scales by maxNorm / norm when the norm is larger, and leaves smaller gradients alone', () => {
    const g = { a: tf.tensor1d([3, 0]), b: tf.tensor2d([[0], [4]]) };
    const before = tf.memory().numTensors;
    const big = clipByGlobalNorm(g, 2.5);
    expect(big.norm.dataSync()[0]).toBeCloseTo(5, 6);
    // scale = maxNorm / (norm + 1e-6), as torch's clip_grad_norm_
    expect(big.grads['a']!.dataSync()[0]).toBeCloseTo(1.5, 5);
    expect(big.grads['a']!.dataSync()[1]).toBe(0);
    expect(big.grads['b']!.dataSync()[1]).toBeCloseTo(2, 5);
    const small = clipByGlobalNorm(g, 10);
    expect(Array.from(small.grads['b']!.dataSync())).toEqual([0, 4]);
    tf.dispose([big.norm, small.norm, ...Object.values(big.grads), ...Object.values(small.grads)]);
    expect(tf.memory().numTensors).toBe(before);
    const empty = globalNorm({});
    expect(empty.dataSync()[0]).toBe(0);
    expect(() => clipByGlobalNorm(g, 0)).toThrow('maxNorm must be a positive number, got 0');
    tf.dispose([g.a, g.b, empty]);
  });
});
