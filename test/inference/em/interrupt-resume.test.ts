/**
 * Stopping EM (the CLI's Ctrl-C) and resuming it: a run stopped after iteration 10 and resumed from
 * its saved parameters and trace makes exactly the iterations an uninterrupted run makes.
 */
import { describe, expect, it } from 'vitest';
import { runEm } from '../../../src/inference/em/index.js';
import { compileModel, loadShipped } from '../helpers.js';

const graph = compileModel('models/gmm.vmodel');
const data = loadShipped(graph, 'models/data/faithful.csv');

describe('EM interruption and resume', () => {
  it('stops after the current iteration and resumes to the uninterrupted trace', () => {
    const whole = runEm(graph, data, { seed: 3, maxIters: 25, tolerance: 0 });
    expect(whole.interrupted).toBe(false);

    const controller = new AbortController();
    const stopped = runEm(graph, data, { seed: 3, maxIters: 25, tolerance: 0, signal: controller.signal, onProgress: (p) => p.iter === 10 && controller.abort() });
    expect(stopped.interrupted).toBe(true);
    expect(stopped.logLikTrace).toEqual(whole.logLikTrace.slice(0, 10));
    const saved = JSON.parse(JSON.stringify({ params: stopped.prepared.store.state(), trace: stopped.logLikTrace }));
    stopped.prepared.store.dispose();

    const resumed = runEm(graph, data, { seed: 99, maxIters: 25, tolerance: 0, resume: saved });
    expect(resumed.interrupted).toBe(false);
    expect(resumed.logLikTrace.length).toBe(25);
    resumed.logLikTrace.forEach((v, i) => expect(v).toBeCloseTo(whole.logLikTrace[i]!, 10));
    whole.prepared.store.dispose();
    resumed.prepared.store.dispose();
  });
});
