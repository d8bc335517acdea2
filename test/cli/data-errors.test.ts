/**
 * Bad data through `vmodel fit` (in-process): every class of data error exits with code 1 and a
 * message naming the file, row and column, before any training starts (no run directory).
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryIo, runCli } from '../../src/cli/index.js';
import { tempDir } from './helpers.js';

const dir = tempDir('data');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const BLR_HEADER = 'x[1],x[2],x[3],x[4],x[5],y';

function csv(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

async function fit(model: string, data: string, ...extra: string[]) {
  const io = memoryIo();
  const out = join(dir, `run-${Math.random().toString(36).slice(2)}`);
  const code = await runCli(['fit', `models/${model}.vmodel`, '--data', data, '--iters', '1', '--out', out, ...extra], io);
  return { code, stderr: io.stderr, stdout: io.stdout, started: existsSync(out) };
}

describe('data errors stop vmodel fit before training', () => {
  const cases: { title: string; model: string; file: () => string; code: string; mentions: string[] }[] = [
    { title: 'a missing column', model: 'blr', file: () => csv('missing.csv', ['x[1],x[2],x[3],x[4],y', '1,2,3,4,5']), code: 'D0006', mentions: ['missing.csv', 'x[5]'] },
    { title: 'an extra column', model: 'blr', file: () => csv('extra.csv', [`${BLR_HEADER},z`, '1,2,3,4,5,6,7']), code: 'D0007', mentions: ['extra.csv', "'z'"] },
    { title: 'a value that is not a number', model: 'blr', file: () => csv('text.csv', [BLR_HEADER, '1,2,3,4,5,6', '1,2,abc,4,5,6']), code: 'D0004', mentions: ['text.csv', 'row 2', 'x[3]'] },
    { title: 'a count below zero', model: 'gamma_poisson', file: () => csv('negative.csv', ['y,exposure', '3,1.5', '-1,2']), code: 'D0003', mentions: ['negative.csv', 'row 2', "'y'"] },
    { title: 'a fractional count', model: 'gamma_poisson', file: () => csv('fraction.csv', ['y,exposure', '2.5,1']), code: 'D0003', mentions: ['fraction.csv', 'row 1', "'y'"] },
    { title: 'a positive value that is 0', model: 'gamma_poisson', file: () => csv('zero.csv', ['y,exposure', '2,0']), code: 'D0003', mentions: ['zero.csv', 'row 1', "'exposure'"] },
    { title: 'a non-finite value', model: 'blr', file: () => csv('nan.csv', [BLR_HEADER, '1,2,3,nan,5,6']), code: 'D0005', mentions: ['nan.csv', 'row 1', 'x[4]'] },
    { title: 'a short row', model: 'blr', file: () => csv('short.csv', [BLR_HEADER, '1,2,3,4,5,6', '1,2,3']), code: 'D0008', mentions: ['short.csv', 'row 2'] },
    { title: 'an empty file', model: 'blr', file: () => csv('empty.csv', [BLR_HEADER]), code: 'D0002', mentions: ['empty.csv'] },
    { title: 'a missing file', model: 'blr', file: () => join(dir, 'nowhere.csv'), code: 'D0001', mentions: ['nowhere.csv', 'no such file'] },
  ];
  it.each(cases)('$title: $code', async ({ model, file, code, mentions }) => {
    const r = await fit(model, file());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`error[${code}]`);
    for (const m of mentions) expect(r.stderr).toContain(m);
    expect(r.started).toBe(false);
    expect(r.stdout).toBe('');
  });

  it('an image file of the wrong shape is a shape error', async () => {
    const r = await fit('ppca', 'models/data/mnist-train-3k-images.idx.gz');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error[D0009]');
    expect(r.stderr).toContain('mnist-train-3k-images.idx.gz');
  });

  it('intensities for binary data without --binarize are out of support, with the fix in the hint', async () => {
    const r = await fit('vae', 'x=models/data/mnist-test-1k-images.idx.gz');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error\[D0003\]: models\/data\/mnist-test-1k-images\.idx\.gz, row \d+, column 'x\[\d+\]'/);
    expect(r.stderr).toContain('--binarize');
  });

  it('a bad held-out file is reported like the training file', async () => {
    const test = csv('test-bad.csv', ['y,exposure', '1,-3']);
    const r = await fit('gamma_poisson', 'models/data/gamma_poisson.csv', '--test', test);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('test-bad.csv, row 1');
    expect(r.stderr).toContain("'exposure'");
  });

  it('bad data flag values are usage errors', async () => {
    const bad = await fit('vae', 'x=models/data/mnist-test-1k-images.idx.gz', '--binarize', '1.5');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/binarize.*1\.5/);
    const fraction = await fit('blr', 'models/data/blr.csv', '--test', '1.5');
    expect(fraction.code).toBe(1);
    expect(fraction.stderr).toContain('--test');
  });
});
