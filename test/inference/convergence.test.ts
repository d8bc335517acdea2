import { describe, expect, it } from 'vitest';
import { ConvergenceMonitor } from '../../src/inference/loop/convergence.js';

describe('ConvergenceMonitor (Stan-style relative-change rule)', () => {
  it('does not converge while the windowed objective still changes by more than the tolerance', () => {
    const m = new ConvergenceMonitor({ window: 10, history: 3, tolerance: 0.01 });
    // Objective improving 5% per window: relative changes ≈ 0.05 > 0.01.
    let verdict = { converged: false } as ReturnType<ConvergenceMonitor['update']>;
    for (let step = 0; step < 200; step++) verdict = m.update(-100 * Math.pow(0.95, Math.floor(step / 10)));
    expect(verdict.converged).toBe(false);
  });

  it('converges by the mean rule once the windowed changes are below tolerance, not before the buffer fills', () => {
    const m = new ConvergenceMonitor({ window: 10, history: 3, tolerance: 0.01 });
    const firstConverged: number[] = [];
    for (let step = 0; step < 100; step++) {
      if (m.update(-100).converged) firstConverged.push(step);
    }
    // Windows end at steps 9, 19, 29, …; the first change is known at 19 and the buffer of 3 is full at 39.
    expect(firstConverged[0]).toBe(39);
  });

  it('uses the median when a single noisy window keeps the mean high', () => {
    const m = new ConvergenceMonitor({ window: 1, history: 5, tolerance: 0.01 });
    const values = [-100, -100, -100, -100, -200, -200];
    // Changes: 0, 0, 0, 1 (100→200 relative to 200 is 0.5), 0 → mean 0.1, median 0.
    let verdict = m.update(values[0]);
    for (const v of values.slice(1)) verdict = m.update(v);
    expect(verdict).toEqual({ converged: true, rule: 'median', relativeChange: 0 });
  });

  it('resumes from saved state to the same decision', () => {
    const trace = Array.from({ length: 120 }, (_, i) => -50 - 10 / (i + 1));
    const opts = { window: 5, history: 4, tolerance: 1e-3 };
    const whole = new ConvergenceMonitor(opts);
    const wholeVerdicts = trace.map((v) => whole.update(v).converged);
    const first = new ConvergenceMonitor(opts);
    trace.slice(0, 37).forEach((v) => first.update(v));
    const resumed = new ConvergenceMonitor(opts);
    resumed.load(JSON.parse(JSON.stringify(first.state())));
    const resumedVerdicts = trace.slice(37).map((v) => resumed.update(v).converged);
    expect(resumedVerdicts).toEqual(wholeVerdicts.slice(37));
    expect(wholeVerdicts.includes(true)).toBe(true);
  });

  it('rejects nonsensical options', () => {
    expect(() => new ConvergenceMonitor({ window: 0, history: 1, tolerance: 0.1 })).toThrow(RangeError);
  });
});
