/** Ctrl-C during `vmodel fit --method em` keeps a checkpoint, and `--resume` ends where an uninterrupted run ends. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryIo, runCli } from '../../src/cli/index.js';

const dir = mkdtempSync(join(tmpdir(), 'vmodel-em-resume-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const GMM = ['models/gmm.vmodel', '--data', 'models/data/faithful.csv', '--method', 'em', '--iters', '30', '--no-pictures'];
const trace = (run: string) => readFileSync(join(run, 'trace.csv'), 'utf8').trim().split('\n').slice(1);

describe('EM runs: interruption and resume through the CLI', () => {
  it('stops after the interrupted iteration with a checkpoint, and resumes to the uninterrupted trace', async () => {
    const whole = join(dir, 'whole');
    expect(await runCli(['fit', ...GMM, '--out', whole], memoryIo())).toBe(0);

    const stopped = join(dir, 'stopped');
    let polls = 0;
    const io = memoryIo({ interrupted: () => ++polls > 5 });
    expect(await runCli(['fit', ...GMM, '--out', stopped], io)).toBe(0);
    const partial = trace(stopped);
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(trace(whole).length);
    expect(JSON.parse(readFileSync(join(stopped, 'checkpoint.json'), 'utf8')).method).toBe('em');

    expect(await runCli(['fit', '--resume', stopped], memoryIo())).toBe(0);
    expect(trace(stopped)).toEqual(trace(whole));
  });
});
