/**
 * The NaN/Inf guard: a step whose objective or gradient is not finite is skipped; the diagnosis
 * names the site (with its source location) and the parameters; repeated failures cut the step
 * size; ten in a row stop the fit with the last good parameters kept.
 */
import { describe, expect, it } from 'vitest';
import { setValidation, validationEnabled } from '../../../src/distributions/index.js';
import { estimateElbo } from '../../../src/inference/evaluate/elbo-estimate.js';
import { estimateLogLikelihood } from '../../../src/inference/evaluate/log-likelihood.js';
import { elbo } from '../../../src/inference/objectives/index.js';
import { Svi } from '../../../src/inference/fit/svi.js';
import { NonFiniteError } from '../../../src/inference/fit/non-finite.js';
import { prepare } from '../../../src/inference/setup.js';
import { compileText, memoryDataset } from '../helpers.js';

// sqrt of a latent that the guide draws from the whole real line: NaN for negative draws.
const graph = compileText(`model broken
data x : real
latent z : real
p(z) = Normal(0, 1)
p(x | z) = Normal(sqrt(z), 1)
guide mf = meanfield
`, 'broken.vmodel');
const data = memoryDataset({ x: { values: Float32Array.of(0.5, 1.5, 2.0, 0.1) } });

describe('non-finite objectives', () => {
  it('skips bad steps, names the site and its location, cuts the step size, then stops keeping the last good state', () => {
    const p = prepare(graph, data.n, 0, 'meanfield');
    const svi = new Svi(p.parts, p.guide, p.store, data, { objective: elbo({ samples: 64 }), optimizer: 'adam', lr: 0.1, batchSize: 4, seed: 0, convergence: false });
    const before = p.store.state();
    const results: boolean[] = [];
    let error: unknown;
    try {
      for (let i = 0; i < 20; i++) results.push(svi.next().ok);
    } catch (e) {
      error = e;
    }
    // With 64 draws per row from N(0, 0.1²) around 0, some draw is negative at every step.
    expect(results.length).toBe(9);
    expect(results.every((ok) => !ok)).toBe(true);
    expect(error).toBeInstanceOf(NonFiniteError);
    const message = (error as NonFiniteError).message;
    expect(message).toMatch(/non-finite log-density at:\n  x \(broken\.vmodel:5:1\): NaN/);
    expect(message).toMatch(/first invalid value: broken\.vmodel:5:1: in p\(x \| z\): Normal: parameter 'loc' .* must satisfy Real, but found NaN/);
    expect(message).toMatch(/non-finite gradient for: mf\/z\/loc, mf\/z\/scale/);
    expect(message).toMatch(/stopped after 10 consecutive non-finite steps/);
    expect(svi.learningRateScale).toBeCloseTo(1e-3, 12); // cut tenfold after 3 and after 6 and 9 failures
    expect(p.store.state()).toEqual(before); // no update was ever applied
  });
});

describe('non-finite evaluation', () => {
  // Estimators run unchecked for speed (argument validation was a third of an IWAE pass) and re-run
  // a chunk checked from the same random state when a value comes out non-finite.
  it('reports the invalid argument with its location instead of a NaN estimate', () => {
    const p = prepare(graph, data.n, 0, 'meanfield');
    expect(() => estimateLogLikelihood(p, data, { k: 64, seed: 0 })).toThrow(/broken\.vmodel:5:1: in p\(x \| z\): Normal: parameter 'loc' .* must satisfy Real, but found NaN/);
    expect(() => estimateElbo(p, data, { samples: 64, seed: 0 })).toThrow(/broken\.vmodel:5:1/);
    expect(validationEnabled()).toBe(true);
    p.store.dispose();
  });

  it('with validation off, gives the NaN and leaves validation off', () => {
    const p = prepare(graph, data.n, 0, 'meanfield');
    setValidation(false);
    try {
      expect(estimateLogLikelihood(p, data, { k: 64, seed: 0 }).perRow).toBeNaN();
      expect(validationEnabled()).toBe(false);
    } finally {
      setValidation(true);
      p.store.dispose();
    }
  });
});
