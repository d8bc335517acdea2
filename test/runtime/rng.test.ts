/** The seeded generator: known answers, determinism, checkpoint/resume, and distributional sanity. */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { Rng } from '../../src/runtime/rng.js';

describe('xoshiro128** core', () => {
  test('matches the reference algorithm from state (1, 2, 3, 4)', () => {
    // Reference outputs from a direct transcription of Blackman & Vigna's C code:
    //   M = 0xFFFFFFFF; rotl = lambda x, k: ((x << k) | (x >> (32 - k))) & M
    //   r = rotl(s[1] * 5 & M, 7) * 9 & M; t = s[1] << 9 & M
    //   s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 11)
    const rng = Rng.fromState({ algorithm: 'xoshiro128**', words: [1, 2, 3, 4] });
    expect(Array.from({ length: 6 }, () => rng.nextUint32())).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
  });

  test('the same seed gives the same stream; different seeds differ', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const sa = Array.from({ length: 100 }, () => a.nextUint32());
    expect(Array.from({ length: 100 }, () => b.nextUint32())).toEqual(sa);
    expect(Array.from({ length: 100 }, () => c.nextUint32())).not.toEqual(sa);
  });

  test('state() and fromState() resume the exact stream, through JSON', () => {
    const rng = new Rng(7);
    rng.normalArray(5);
    const saved = JSON.parse(JSON.stringify(rng.state()));
    const expected = rng.uniformArray(10);
    expect(Rng.fromState(saved).uniformArray(10)).toEqual(expected);
  });

  test('fork gives an independent child and advances the parent', () => {
    const parent = new Rng(1);
    const child = parent.fork();
    const draw = (r: Rng) => Array.from({ length: 10 }, () => r.nextUint32());
    const again = new Rng(1);
    again.fork();
    const parentNext = draw(parent);
    expect(draw(again)).toEqual(parentNext);
    expect(draw(child)).not.toEqual(parentNext);
  });

  test('bad seeds and states are rejected with a clear message', () => {
    expect(() => new Rng(NaN)).toThrow('Rng: seed must be a finite number, got NaN');
    expect(() => Rng.fromState({ algorithm: 'xoshiro128**', words: [0, 0, 0, 0] })).toThrow('not all zero');
    expect(() => Rng.fromState({ algorithm: 'other' } as never)).toThrow('not a saved xoshiro128** state');
    expect(() => new Rng(1).normal([2, -1])).toThrow('Rng: invalid shape [2, -1]');
  });
});

describe('draws', () => {
  test('uniforms lie strictly inside (0, 1) with mean ½ and variance 1/12', () => {
    const u = new Rng(3).uniformArray(100000);
    const mean = u.reduce((a, b) => a + b, 0) / u.length;
    const variance = u.reduce((a, b) => a + (b - mean) ** 2, 0) / u.length;
    expect(Math.min(...u)).toBeGreaterThan(0);
    expect(Math.max(...u)).toBeLessThan(1);
    // Standard errors: √(1/12/n) ≈ 9.1e-4 for the mean; √(1/180/n) ≈ 2.4e-4 for the variance.
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * 9.1e-4);
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(5 * 2.4e-4);
  });

  test('normals have mean 0, variance 1 and a normal fourth moment', () => {
    const z = new Rng(4).normalArray(100001); // odd length exercises the unpaired last value
    const n = z.length;
    const mean = z.reduce((a, b) => a + b, 0) / n;
    const m2 = z.reduce((a, b) => a + b * b, 0) / n;
    const m4 = z.reduce((a, b) => a + b ** 4, 0) / n;
    // Standard errors: 1/√n ≈ 3.2e-3 (mean), √(2/n) ≈ 4.5e-3 (m2), √(96/n) ≈ 3.1e-2 (m4).
    expect(Math.abs(mean)).toBeLessThan(5 * 3.2e-3);
    expect(Math.abs(m2 - 1)).toBeLessThan(5 * 4.5e-3);
    expect(Math.abs(m4 - 3)).toBeLessThan(5 * 3.1e-2);
  });

  test('tensor draws are float32 of the requested shape, and deterministic', () => {
    tf.tidy(() => {
      const a = new Rng(9).normal([3, 4]);
      expect(a.shape).toEqual([3, 4]);
      expect(a.dtype).toBe('float32');
      expect(Array.from(new Rng(9).normal([3, 4]).dataSync())).toEqual(Array.from(a.dataSync()));
      const u = new Rng(9).uniform([1000]).dataSync();
      expect(u.every((v) => v > 0 && v < 1)).toBe(true);
    });
  });
});
