import { describe, expect, it } from 'vitest';
import { movingAverage } from '../../src/plot/moving-average.js';
import { PlotInputError } from '../../src/plot/plot-error.js';

describe('movingAverage', () => {
  it('averages a centred window, truncated at the ends', () => {
    // window 3 → half-width 1: s_0 = (1+2)/2, s_1 = (1+2+4)/3, …, s_4 = (8+16)/2
    expect([...movingAverage([1, 2, 4, 8, 16], 3)]).toEqual([1.5, 7 / 3, 14 / 3, 28 / 3, 12]);
  });

  it('is the identity for window 1 and an even window uses ⌊w/2⌋ on both sides', () => {
    expect([...movingAverage([3, -1, 2], 1)]).toEqual([3, -1, 2]);
    expect([...movingAverage([0, 4, 8, 12], 2)]).toEqual([2, 4, 8, 10]);
  });

  it('leaves a linear trend unchanged away from the ends and preserves a constant everywhere', () => {
    const line = Array.from({ length: 50 }, (_, i) => 2 * i - 7);
    const s = movingAverage(line, 9);
    for (let i = 4; i < 46; i++) expect(s[i]).toBeCloseTo(line[i]!, 12);
    expect([...movingAverage(new Array(10).fill(-3.5), 5)]).toEqual(new Array(10).fill(-3.5));
  });

  it('skips non-finite values and yields NaN only where a whole window is non-finite', () => {
    const s = movingAverage([1, NaN, 3, NaN, NaN, NaN, 5], 3);
    expect(s[1]).toBe(2); // mean of 1 and 3
    expect(s[4]).toBeNaN();
    expect(s[6]).toBe(5);
  });

  it('rejects a non-positive or fractional window', () => {
    expect(() => movingAverage([1, 2], 0)).toThrow(PlotInputError);
    expect(() => movingAverage([1, 2], 2.5)).toThrow(/window must be an integer ≥ 1, got 2.5/);
  });
});
