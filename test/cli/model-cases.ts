/**
 * The end-to-end checks run on every shipped model through the built `vmodel` executable: check,
 * graph, a fit of a few steps, eval and sample, and the files each writes (PNGs must decode). The
 * models are split over two test files so that each stays near a minute.
 */
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { decode } from 'fast-png';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir, vmodel } from './helpers.js';

const MNIST = 'models/data/mnist-train-3k-images.idx.gz';
const MNIST_TEST = 'models/data/mnist-test-1k-images.idx.gz';

/** Each shipped model with its data flags and the flags of a short fit. */
export interface ModelCase {
  readonly model: string;
  readonly data: string[];
  readonly fit: string[];
  readonly evalData?: string[];
}

export const MODELS: readonly ModelCase[] = [
  { model: 'blr', data: ['--data', 'models/data/blr.csv', '--rows', '200'], fit: ['--iters', '20'] },
  { model: 'eight_schools', data: ['--data', 'models/data/eight_schools.csv'], fit: ['--iters', '20'] },
  { model: 'gamma_poisson', data: ['--data', 'models/data/gamma_poisson.csv', '--rows', '100'], fit: ['--iters', '20'] },
  { model: 'ppca', data: ['--data', 'models/data/digits.csv', '--rows', '100'], fit: ['--iters', '5'] },
  { model: 'gmm', data: ['--data', 'models/data/faithful.csv'], fit: ['--iters', '5'] },
  { model: 'gmm_diag', data: ['--data', 'models/data/faithful.csv'], fit: ['--iters', '5'] },
  { model: 'bernoulli_mixture', data: ['--data', `x=${MNIST}`, '--binarize', '0.5', '--rows', '100'], fit: ['--iters', '3'] },
  {
    model: 'vae', data: ['--data', `x=${MNIST}`, '--binarize', 'dynamic', '--rows', '100'], fit: ['--iters', '4', '--batch', '50'],
    evalData: ['--data', `x=${MNIST_TEST}`, '--binarize', '0.5', '--rows', '50'],
  },
];

export function expectPng(path: string): void {
  expect(existsSync(path), path).toBe(true);
  const image = decode(readFileSync(path));
  expect(image.width).toBeGreaterThan(10);
  expect(image.height).toBeGreaterThan(10);
}

/** The tests of one shipped model. */
export function describeModel({ model, data, fit, evalData }: ModelCase): void {
  describe(`vmodel on models/${model}.vmodel`, () => {
  const file = `models/${model}.vmodel`;
  const dir = tempDir(model);
  const run = join(dir, 'run');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('check: compiles and prints the summary', async () => {
    const r = await vmodel('check', file);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${file}: ok`);
    expect(r.stdout).toContain(`model ${model}`);
  });

  it('graph: writes DOT, SVG and a PNG that decodes', async () => {
    const r = await vmodel('graph', file, '--out', dir);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, `${model}.dot`), 'utf8')).toMatch(/^digraph/);
    expect(readFileSync(join(dir, `${model}.svg`), 'utf8')).toContain('<svg');
    expectPng(join(dir, `${model}.png`));
  });

  it('fit, eval and sample: a short run and its files', async () => {
    const pictures = model === 'vae' || model === 'bernoulli_mixture' ? [] : ['--no-pictures'];
    const f = await vmodel('fit', file, ...data, ...fit, '--out', run, ...pictures);
    expect(f.code, f.stderr).toBe(0);
    expect(f.stderr).not.toMatch(/warning|internal error/);
    const config = JSON.parse(readFileSync(join(run, 'config.json'), 'utf8'));
    expect(config.format).toBe('vmodel-run/1');
    expect(config.model.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(config.settings.seed).toEqual(expect.any(Number));
    const steps = Number(fit[1]);
    const trace = readFileSync(join(run, 'trace.csv'), 'utf8').trim().split('\n');
    expect(trace[0]).toBe('step,objective');
    // EM may converge before its iteration limit; a variational fit runs exactly the steps asked.
    if (config.settings.method === 'em') expect(trace.length - 1).toBeLessThanOrEqual(steps);
    else expect(trace.length - 1).toBe(steps);
    for (const line of trace.slice(1)) expect(Number.isFinite(Number(line.split(',')[1]))).toBe(true);
    const summary = JSON.parse(readFileSync(join(run, 'summary.json'), 'utf8'));
    expect(summary.steps).toBe(trace.length - 1);
    expect(summary.failed).toEqual([]);
    const checkpoint = JSON.parse(readFileSync(join(run, 'checkpoint.json'), 'utf8'));
    expect(checkpoint.format).toBe('vmodel-checkpoint/1');
    expect(checkpoint.modelSha256).toBe(config.model.sha256);
    if (model === 'bernoulli_mixture') {
      // One picture of the 10 component means θ_k, each 28×28 (2-pixel scale, 2-pixel padding).
      expectPng(join(run, 'pictures', 'components-theta.png'));
      expect(decode(readFileSync(join(run, 'pictures', 'components-theta.png'))).width).toBe(5 * 56 + 6 * 2);
    }
    if (model === 'vae') {
      for (const name of ['elbo', 'plate', 'latents']) {
        expect(readFileSync(join(run, 'pictures', `${name}.svg`), 'utf8')).toContain('<svg');
        expectPng(join(run, 'pictures', `${name}.png`));
      }
      expectPng(join(run, 'pictures', 'reconstructions.png'));
      expectPng(join(run, 'pictures', 'samples.png'));
      expect(f.stdout).toContain(`pictures: ${join(run, 'pictures')}`);
    }

    const e = await vmodel('eval', run, ...(evalData ?? data), '--iwae', '5', '--samples', '2', '--refit-steps', '10');
    expect(e.code, e.stderr).toBe(0);
    const evaluation = JSON.parse(readFileSync(join(run, 'eval.json'), 'utf8'));
    expect(Number.isFinite(evaluation.elbo.perRow)).toBe(true);
    expect(Number.isFinite(evaluation.logLikelihood.perRow)).toBe(true);
    expect(evaluation.logLikelihood.k).toBe(5);

    const s = await vmodel('sample', run, '--n', '4');
    expect(s.code, s.stderr).toBe(0);
    const csvs = readdirSync(run).filter((n) => n.startsWith('samples-prior-') && n.endsWith('.csv'));
    expect(csvs.length).toBeGreaterThan(0);
    for (const csv of csvs) expect(readFileSync(join(run, csv), 'utf8').trim().split('\n')).toHaveLength(5);
    if (model === 'vae') expectPng(join(run, 'pictures', 'samples-prior-x.png'));
  });
});
}
