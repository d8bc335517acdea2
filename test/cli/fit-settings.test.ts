/** Fit settings: the infer block's values, overridden flag by flag; bad values name the flag. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeFitOptions } from '../../src/cli/fit-options.js';
import { objectiveSpelling, resolveFitSettings } from '../../src/cli/fit-settings.js';
import { compileSource } from '../../src/lang/compile.js';
import { defaultRunDir } from '../../src/cli/run-config.js';

const graphOf = (path: string) => compileSource({ path, text: readFileSync(path, 'utf8') }).graph!;
const vae = graphOf('models/vae.vmodel');
const blr = graphOf('models/blr.vmodel');

describe('objectiveSpelling', () => {
  it('spells every infer-block objective as the command line does, with samples folded in', () => {
    expect(objectiveSpelling({})).toBe('elbo');
    expect(objectiveSpelling({ objective: { kind: 'elbo' }, samples: 8 })).toBe('elbo:samples=8');
    expect(objectiveSpelling({ objective: { kind: 'iwae', k: 5 }, samples: 8 })).toBe('iwae:5');
    expect(objectiveSpelling({ objective: { kind: 'beta', beta: 4 } })).toBe('beta:beta=4');
    expect(objectiveSpelling({ objective: { kind: 'infovae', lambda: 10, alpha: 0 }, samples: 2 })).toBe('infovae:lambda=10,alpha=0,samples=2');
  });
});

describe('resolveFitSettings', () => {
  it('takes the infer block when no flag is given', () => {
    expect(resolveFitSettings(vae, {}, 'fit')).toEqual({ method: 'svi', guide: 'amortized', objective: 'elbo', optimizer: 'adam', lr: 1e-3, batchSize: 128, epochs: 10, seed: 1 });
    expect(resolveFitSettings(blr, {}, 'fit')).toEqual({ method: 'svi', guide: 'fr', objective: 'elbo:samples=8', optimizer: 'adam', lr: 1e-2, maxSteps: 3000, seed: 0 });
  });

  it('flags override: --iters replaces the block\'s epochs, --epochs its iters', () => {
    const s = resolveFitSettings(vae, { iters: '7', guide: 'mf', objective: 'iwae:3', lr: '0.01', batch: '32', seed: '9', method: 'meanfield' }, 'fit');
    expect(s).toEqual({ method: 'meanfield', guide: 'mf', objective: 'iwae:3', optimizer: 'adam', lr: 0.01, batchSize: 32, maxSteps: 7, seed: 9 });
    expect(resolveFitSettings(blr, { epochs: '2' }, 'fit')).toMatchObject({ epochs: 2 });
    expect(resolveFitSettings(blr, { epochs: '2' }, 'fit').maxSteps).toBeUndefined();
  });

  it('a new optimizer drops the block\'s learning rate (it was tuned for the old one)', () => {
    expect(resolveFitSettings(vae, { optimizer: 'sgd' }, 'fit').lr).toBeUndefined();
  });

  it('--clip reaches the engine as a global gradient-norm bound; --restarts is for EM only', () => {
    const s = resolveFitSettings(vae, { clip: '5' }, 'fit');
    expect(s.clipNorm).toBe(5);
    expect(makeFitOptions(s).clipNorm).toBe(5);
    expect(resolveFitSettings(vae, { method: 'em', restarts: '4' }, 'fit').restarts).toBe(4);
    expect(() => resolveFitSettings(vae, { restarts: '4' }, 'fit')).toThrow('--restarts applies to --method em');
    expect(() => resolveFitSettings(vae, { clip: '-1' }, 'fit')).toThrow(/--clip/);
  });

  it('map ignores the infer block\'s guide', () => {
    expect(resolveFitSettings(vae, { method: 'map' }, 'fit').guide).toBeUndefined();
  });

  it('bad values are usage errors naming the flag', () => {
    expect(() => resolveFitSettings(vae, { guide: 'enc' }, 'fit')).toThrow("unknown guide 'enc': vae declares amortized, mf");
    expect(() => resolveFitSettings(vae, { objective: 'iwea:5' }, 'fit')).toThrow(/--objective: unknown objective 'iwea:5'/);
    expect(() => resolveFitSettings(vae, { objective: 'iwae' }, 'fit')).toThrow('--objective: iwae needs its number of samples');
    expect(() => resolveFitSettings(vae, { objective: 'iwae:0' }, 'fit')).toThrow('--objective: iwae:K needs a whole number K ≥ 1, got 0');
    expect(() => resolveFitSettings(vae, { objective: 'infovae:lambda=10' }, 'fit')).toThrow('--objective: infovae needs lambda and alpha');
    expect(() => resolveFitSettings(vae, { objective: 'infovae:lambda=10,alpha=2' }, 'fit')).toThrow('--objective: infovae: alpha must be ≤ 1, got 2');
    expect(() => resolveFitSettings(vae, { objective: 'beta:4,warmup=-1' }, 'fit')).toThrow('--objective: beta: warmup must be a number of steps ≥ 0, got -1');
    expect(() => resolveFitSettings(vae, { epochs: '1', iters: '2' }, 'fit')).toThrow('give --epochs or --iters, not both');
    expect(() => resolveFitSettings(vae, { optimizer: 'adamw' }, 'fit')).toThrow("--optimizer expects one of adam, sgd, rmsprop, got 'adamw'");
    expect(() => resolveFitSettings(vae, { seed: '-1' }, 'fit')).toThrow("--seed expects an integer ≥ 0, got '-1'");
  });
});

describe('makeFitOptions', () => {
  it('builds the engine options, the objective included', () => {
    const o = makeFitOptions({ method: 'svi', guide: 'mf', objective: 'iwae:4', optimizer: 'rmsprop', lr: 0.1, batchSize: 8, maxSteps: 3, seed: 2 });
    expect(o).toMatchObject({ method: 'svi', guide: 'mf', optimizer: 'rmsprop', lr: 0.1, batchSize: 8, maxSteps: 3, seed: 2 });
    expect(o.objective.name).toContain('iwae');
  });
});

describe('defaultRunDir', () => {
  it('names the run after the model, the method and the UTC time', () => {
    expect(defaultRunDir('vae', 'svi', new Date(Date.UTC(2026, 10, 20, 23, 47, 54, 167)))).toBe('runs/vae-svi-20261120-234754');
  });
});
