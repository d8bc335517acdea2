import { describe, expect, it } from 'vitest';
import { closestName, didYouMean, editDistance } from '../../src/lang/suggest.js';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
    ['latnet', 'latent', 1], // one adjacent swap
    ['ab', 'ba', 1],
    ['abc', 'ca', 3], // optimal string alignment does not edit a swapped pair again
    ['Normal', 'normal', 1],
    ['sigma', 'sigma', 0],
  ])('%s → %s = %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe('closestName', () => {
  const names = ['latent', 'local', 'param', 'Normal', 'HalfNormal', 'softplus', 'x', 'mu'];

  it('finds a near miss, preferring a case-only difference', () => {
    expect(closestName('latnet', names)).toBe('latent');
    expect(closestName('normal', names)).toBe('Normal');
    expect(closestName('softpuls', names)).toBe('softplus');
    expect(closestName('halfnormal', names)).toBe('HalfNormal');
  });

  it('scales the allowed distance with the length of the name', () => {
    expect(closestName('y', names)).toBeUndefined(); // never one letter for another
    expect(closestName('nu', names)).toBe('mu');
    expect(closestName('pxrxm', names)).toBe('param'); // two edits in five letters
    expect(closestName('pxrxx', names)).toBeUndefined();
    expect(closestName('completely_different', names)).toBeUndefined();
  });

  it('never suggests the name itself and breaks ties by order', () => {
    expect(closestName('mu', ['mu'])).toBeUndefined();
    expect(closestName('ab', ['ax', 'xb'])).toBe('ax');
  });

  it('phrases the suggestion', () => {
    expect(didYouMean('latnet', names)).toBe("did you mean 'latent'?");
    expect(didYouMean('zzzzzz', names)).toBeUndefined();
  });
});
