/**
 * Workload 3: mean-field or full-rank VI on Bayesian linear regression (the shipped
 * models/blr.vmodel on models/data/blr.csv: N = 1,000 rows, 5 features), run until Stan's
 * relative-tolerance rule stops it: seconds to convergence, steps taken, steps per second.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataSpecsOf, loadData } from '../../src/data/index.js';
import { elbo } from '../../src/inference/objectives/index.js';
import { runFit } from '../../src/inference/fit/run-fit.js';
import { compileSource } from '../../src/lang/compile.js';
import { peakRssMb, round, tensorsAlive } from '../harness.js';
import type { GenericResult } from './generic.js';

const ROOT = join(import.meta.dirname, '..', '..');

export function runViBlr(method: 'meanfield' | 'fullrank', repeats: number): GenericResult {
  const path = join(ROOT, 'models', 'blr.vmodel');
  const graph = compileSource({ path, text: readFileSync(path, 'utf8') }).graph!;
  const data = loadData(join(ROOT, 'models', 'data', 'blr.csv'), dataSpecsOf(graph)).dataset!;
  const tensorsBefore = tensorsAlive();
  const runs = Array.from({ length: Math.max(1, repeats) }, (_, seed) => {
    const r = runFit(graph, data, { method, objective: elbo({ samples: 8 }), maxSteps: 20_000, seed });
    r.svi.dispose();
    r.prepared.store.dispose();
    return r;
  });
  const seconds = runs.map((r) => r.seconds).sort((a, b) => a - b);
  const median = runs.find((r) => r.seconds === seconds[seconds.length >> 1])!;
  return {
    kind: 'generic',
    metrics: {
      seconds_to_converge: round(median.seconds, 3),
      steps: median.steps,
      steps_per_second: round(median.steps / median.seconds, 1),
      final_elbo_per_row: round(median.trace[median.trace.length - 1]!, 4),
    },
    notes: [`${runs.filter((r) => r.stopReason === 'converged').length} of ${runs.length} runs stopped by the convergence rule (window 100, 10 changes, tolerance 0.01); median of ${runs.length} seeds`],
    peakRssMb: peakRssMb(),
    tensorsBefore,
    tensorsAfter: tensorsAlive(),
  };
}
