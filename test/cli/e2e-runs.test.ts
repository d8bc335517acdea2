/**
 * End to end through the built executable: Ctrl-C stops a fit cleanly with a checkpoint, --resume
 * reaches exactly the trace of an uninterrupted run, `compare` on a small VAE subset, help for
 * every command, usage errors, and a `check` that never loads tfjs.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, finished, MAIN, ROOT, start, tempDir, vmodel } from './helpers.js';
import { expectPng } from './model-cases.js';

beforeAll(() => ensureBuilt(), 300_000);

const dir = tempDir('runs');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const BLR = ['models/blr.vmodel', '--data', 'models/data/blr.csv', '--rows', '200', '--iters', '300', '--no-pictures', '--checkpoint-every', '1000'];

describe('Ctrl-C and --resume', () => {
  it('SIGINT stops after the current step, writes the checkpoint, exits 0; --resume gives the uninterrupted trace', async () => {
    const interrupted = join(dir, 'interrupted');
    const child = start(['fit', ...BLR, '--out', interrupted]);
    let sent = false;
    const r = await finished(child, (stderr) => {
      if (!sent && /^step \d+\/300/m.test(stderr)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    expect(sent).toBe(true);
    expect(r.code, r.stderr).toBe(0);
    const stopped = Number(/interrupted after step (\d+)/.exec(r.stderr)?.[1]);
    expect(stopped).toBeGreaterThan(0);
    expect(stopped).toBeLessThan(300);
    expect(r.stderr).toContain(`vmodel fit --resume ${interrupted}`);
    const checkpoint = JSON.parse(readFileSync(join(interrupted, 'checkpoint.json'), 'utf8'));
    expect(checkpoint.state.step).toBe(stopped);
    expect(readFileSync(join(interrupted, 'trace.csv'), 'utf8').trim().split('\n')).toHaveLength(stopped + 1);

    const resumed = await vmodel('fit', '--resume', interrupted);
    expect(resumed.code, resumed.stderr).toBe(0);
    const straightDir = join(dir, 'straight');
    const straight = await vmodel('fit', ...BLR, '--out', straightDir);
    expect(straight.code, straight.stderr).toBe(0);
    const traceOf = (d: string) => readFileSync(join(d, 'trace.csv'), 'utf8');
    expect(traceOf(interrupted).trim().split('\n')).toHaveLength(301);
    // Bit-for-bit: the resumed run continues the same random streams and optimizer state.
    expect(traceOf(interrupted)).toBe(traceOf(straightDir));
    const params = (d: string) => JSON.parse(readFileSync(join(d, 'checkpoint.json'), 'utf8')).state.params;
    expect(params(interrupted)).toEqual(params(straightDir));
  });

  it('--resume refuses settings flags and a run directory without a run', async () => {
    const clash = await vmodel('fit', '--resume', join(dir, 'interrupted'), '--iters', '5');
    expect(clash.code).toBe(1);
    expect(clash.stderr).toContain('--iters cannot be combined with it');
    const missing = await vmodel('fit', '--resume', join(dir, 'nothing-here'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no config.json');
  });
});

describe('progress', () => {
  it('on a terminal (a pseudo-terminal from script(1)) the progress line is redrawn in place', async () => {
    const command = ['stty cols 100;', process.execPath, MAIN, 'fit', 'models/blr.vmodel', '--data', 'models/data/blr.csv', '--rows', '100', '--iters', '30', '--no-pictures', '--out', join(dir, 'tty')].join(' ');
    const child = spawn('script', ['-qefc', command, '/dev/null'], { cwd: ROOT, env: { ...process.env, VMODEL_BACKEND: 'wasm' } });
    const r = await finished(child);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/\r\[#+-*\] step \d+\/30 · epoch \d+ · -?[\d.]+\/row · [\d.]+ steps\/s · [\d.]+s left\x1b\[K/);
    expect(r.stdout).toContain('\r[##########] step 30/30');
  });

  it('in a pipe it logs plain lines', async () => {
    const r = await vmodel('fit', 'models/blr.vmodel', '--data', 'models/data/blr.csv', '--rows', '100', '--iters', '30', '--no-pictures', '--out', join(dir, 'pipe'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('\r');
    expect(r.stderr).toMatch(/^step 1\/30 {2}epoch 1 {2}objective\/row /m);
    expect(r.stderr).toMatch(/^step 30\/30 /m);
  });
});

describe('vmodel compare', () => {
  it('fits each guide on a small VAE subset and splits the inference gap', async () => {
    const out = join(dir, 'compare');
    const r = await vmodel(
      'compare', 'models/vae.vmodel', '--data', 'x=models/data/mnist-train-3k-images.idx.gz', '--binarize', 'dynamic', '--rows', '120',
      '--test', '0.25', '--guides', 'amortized,mf', '--iters', '4', '--batch', '30', '--iwae', '5', '--refit-steps', '5', '--out', out,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/amortized\s+-\d/);
    const report = JSON.parse(readFileSync(join(out, 'compare.json'), 'utf8'));
    expect(report.trainRows).toBe(90);
    expect(report.testRows).toBe(30);
    expect(report.guides.map((g: { guide: string }) => g.guide)).toEqual(['amortized', 'mf']);
    for (const g of report.guides) {
      expect(g.steps).toBe(4);
      for (const v of [g.trainElbo.perRow, g.testElbo.perRow, g.logpx.perRow, g.approxGap, g.amortGap]) expect(Number.isFinite(v)).toBe(true);
      // The two gaps add up to the whole inference gap log p(x) − ELBO.
      expect(g.approxGap + g.amortGap).toBeCloseTo(g.logpx.perRow - g.testElbo.perRow, 9);
    }
    expect(report.guides[0].amortized).toBe(true);
    expect(report.guides[1].amortized).toBe(false);
    expect(report.guides[1].amortGap).toBe(0);
    expect(readFileSync(join(out, 'compare.md'), 'utf8')).toContain('| amortized |');
    expectPng(join(out, 'gap.png'));
    expect(readFileSync(join(out, 'gap.svg'), 'utf8')).toContain('<svg');
    expectPng(join(out, 'elbo.png'));
  });
});

describe('help and usage errors', () => {
  it('vmodel fit --help shows options and examples', async () => {
    const r = await vmodel('fit', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('vmodel fit [FILE] [options]');
    for (const option of ['--data', '--epochs', '--iters', '--resume', '--binarize', '--test', 'Examples:']) expect(r.stdout).toContain(option);
  });

  it('an unknown option gets the nearest known one, exit 1', async () => {
    const r = await vmodel('fit', 'models/vae.vmodel', '--epoch', '3');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("unknown option --epoch for 'vmodel fit'; did you mean --epochs?");
  });

  it('a bad value names the flag and what it expects, exit 1', async () => {
    const r = await vmodel('fit', 'models/blr.vmodel', '--data', 'models/data/blr.csv', '--iters', 'ten');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("--iters expects an integer ≥ 1, got 'ten'");
  });

  it('a model with errors prints the diagnostics and exits 1', async () => {
    const r = await vmodel('check', 'test/cli/fixtures/bad.vmodel');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error\[E\d{4}\]/);
    expect(r.stderr).toContain('test/cli/fixtures/bad.vmodel:');
  });
});

describe('start-up', () => {
  it('check compiles a model without loading tfjs (half of a cold start)', () => {
    // At exit, whether any tfjs module is in Node's module cache: ESM imports of CommonJS land there too.
    const probe = 'data:text/javascript,import { createRequire } from "node:module"; const { cache } = createRequire(process.argv[1]); '
      + 'process.on("exit", () => { if (Object.keys(cache).some((k) => k.includes("@tensorflow"))) process.stderr.write("tfjs loaded"); });';
    const r = spawnSync(process.execPath, ['--import', probe, MAIN, 'check', 'models/blr.vmodel'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).not.toContain('tfjs loaded');
  });
});
