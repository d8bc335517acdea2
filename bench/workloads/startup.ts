/**
 * Workload 5: compile time of every shipped model (source → graph IR, median of repeated in-process
 * compiles after one warm-up) and the CLI's cold start-up (`vmodel check models/blr.vmodel` as a new
 * process, median wall time; needs `npm run build`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileSource } from '../../src/lang/compile.js';
import { median, peakRssMb, round, tensorsAlive } from '../harness.js';
import type { GenericResult } from './generic.js';

const ROOT = join(import.meta.dirname, '..', '..');

export function runStartup(repeats: number): GenericResult {
  const tensorsBefore = tensorsAlive();
  const metrics: Record<string, number | null> = {};
  const models = readdirSync(join(ROOT, 'models')).filter((f) => f.endsWith('.vmodel')).sort();
  for (const file of models) {
    const path = join(ROOT, 'models', file);
    const text = readFileSync(path, 'utf8');
    compileSource({ path, text });
    const times = Array.from({ length: Math.max(3, repeats * 5) }, () => {
      const t0 = performance.now();
      compileSource({ path, text });
      return performance.now() - t0;
    });
    metrics[`compile_ms_${file.replace('.vmodel', '')}`] = round(median(times), 2);
  }
  const cli = join(ROOT, 'dist', 'cli', 'main.js');
  const notes: string[] = [];
  if (existsSync(cli)) {
    const walls = Array.from({ length: Math.max(3, repeats * 2) }, () => {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, [cli, 'check', join(ROOT, 'models', 'blr.vmodel')], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`vmodel check failed: ${r.stderr}`);
      return performance.now() - t0;
    });
    metrics.cli_check_cold_seconds = round(median(walls) / 1000, 3);
  } else {
    metrics.cli_check_cold_seconds = null;
    notes.push('dist/cli/main.js is missing: run npm run build to time the CLI');
  }
  return { kind: 'generic', metrics, notes, peakRssMb: peakRssMb(), tensorsBefore, tensorsAfter: tensorsAlive() };
}
