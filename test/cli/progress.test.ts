/** Progress: log lines in pipes (first step, then throttled, last one on finish), one redrawn line on a terminal. */
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/index.js';
import { ProgressReporter } from '../../src/cli/progress.js';
import type { Progress } from '../../src/inference/fit/run-fit.js';

const report = (step: number, objective = -100 + step): Progress => ({
  step, maxSteps: 10, epoch: Math.floor((step - 1) / 5), objective, windowMean: objective, stepsPerSecond: 0, etaSeconds: 0,
});

describe('ProgressReporter', () => {
  it('without a terminal: a line for the first step, the last step, and nothing in between within 5 s', () => {
    const io = memoryIo();
    const p = new ProgressReporter(io);
    for (let s = 1; s <= 10; s++) p.update(report(s));
    p.finish();
    const lines = io.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^step 1\/10 {2}epoch 1 {2}objective\/row -99\.00 /);
    // The last line averages the objective over the steps since the previous line (2..10).
    expect(lines[1]).toMatch(/^step 10\/10 {2}epoch 2 {2}objective\/row -94\.00 .* 0\.0s left$/);
  });

  it('finish logs a report that was held back (a fit stopping early)', () => {
    const io = memoryIo();
    const p = new ProgressReporter(io, 'mf');
    p.update(report(1));
    p.update(report(4));
    p.finish();
    expect(io.stderr.trim().split('\n').map((l) => l.slice(0, 14))).toEqual(['[mf] step 1/10', '[mf] step 4/10']);
  });

  it('on a terminal: one line redrawn with a bar, ended by a newline', () => {
    const io = memoryIo({ tty: true });
    const p = new ProgressReporter(io);
    p.update(report(1));
    p.update(report(10));
    p.finish();
    expect(io.stderr.startsWith('\r[#---------] step 1/10 · epoch 1 · -99.00/row · ')).toBe(true);
    expect(io.stderr).toContain('\r[##########] step 10/10 · epoch 2 · -90.00/row · ');
    // Fits an 80-column terminal.
    for (const line of io.stderr.split('\r').slice(1)) expect(line.replace('\x1b[K', '').trimEnd().length).toBeLessThan(80);
    expect(io.stderr.endsWith('\x1b[K\n')).toBe(true);
    expect(io.stderr.split('\n')).toHaveLength(2);
  });

  it('a narrow terminal loses the bar first, then the end of the line', () => {
    const io = memoryIo({ tty: true });
    Object.assign(io, { columns: 60 });
    new ProgressReporter(io).update(report(1));
    expect(io.stderr.startsWith('\rstep 1/10 · epoch 1 · -99.00/row · ')).toBe(true);
    expect(io.stderr.replace('\x1b[K', '').length - 1).toBeLessThanOrEqual(59);
    const tiny = memoryIo({ tty: true });
    Object.assign(tiny, { columns: 20 });
    new ProgressReporter(tiny).update(report(1));
    expect(tiny.stderr).toBe('\rstep 1/10 · epoch …\x1b[K');
  });

  it('names a skipped step', () => {
    const io = memoryIo();
    new ProgressReporter(io).update({ ...report(1, NaN), problem: 'non-finite gradient' });
    expect(io.stderr).toContain('(skipped: non-finite gradient)');
  });
});
