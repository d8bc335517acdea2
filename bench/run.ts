/**
 * `npm run bench`: run the benchmark suite and write bench/results/latest.json and latest.md.
 *
 *   npx tsx bench/run.ts [--only vae-elbo,vae-iwae5] [--backend auto|wasm|cpu|tensorflow]
 *                        [--warmup 20] [--steps 200] [--repeats 3] [--no-epoch]
 *                        [--eval-k 1000] [--eval-n 1000] [--torch] [--quick] [--out DIR]
 *                        [--path fast|stock] [--threads N] [--torch-threads N]
 *
 * Workloads (the default suite): 1. vae-elbo, 2. vae-iwae5; 3. vi-blr-meanfield, vi-blr-fullrank
 * (seconds to convergence); 4. em-gmm (seconds per EM iteration, K = 10 full covariance,
 * N = 100,000, D = 10; `--sklearn` adds scikit-learn on the same data); 5. startup (compile time
 * of every shipped model, CLI cold start); vae-engine-elbo and vae-engine-iwae5 time workloads 1
 * and 2 as `vmodel fit` runs them (models/vae.vmodel through the engine). Each workload runs in its own child process, so peak memory, tensor counts and the backend are
 * per workload. `--torch` runs shared/reference/torch_vae.py right after each VAE workload with the
 * same protocol, so the ratio is measured back to back on the same machine state. `--path stock`
 * builds the layers from plain tfjs ops with tfjs's own gradients (the baseline).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { BackendError, parseBackendName, parseThreads, selectBackend } from '../src/runtime/backend.js';
import { availableThreads } from '../src/runtime/threads.js';
import { machineInfo, round } from './harness.js';
import { renderMarkdown, type SuiteResult, type WorkloadRecord } from './report.js';
import type { LayerPath } from './workloads/vae-model.js';
import { runVae } from './workloads/vae.js';
import { runVaeEngine } from './workloads/vae-engine.js';
import { runViBlr } from './workloads/vi-blr.js';
import { runEmGmm } from './workloads/em-gmm.js';
import { runStartup } from './workloads/startup.js';
import type { GenericResult } from './workloads/generic.js';

/** Workloads 3–5: each a function of the options, returning named metrics. */
const OTHER_WORKLOADS: Readonly<Record<string, (o: Options) => GenericResult>> = {
  'vi-blr-meanfield': (o) => runViBlr('meanfield', o.repeats),
  'vi-blr-fullrank': (o) => runViBlr('fullrank', o.repeats),
  'em-gmm': (o) => runEmGmm(o.quick ? 5 : 20, o.sklearn),
  startup: (o) => runStartup(o.repeats),
};

const WORKLOADS = {
  'vae-elbo': { objective: 'elbo', trainK: 1 },
  'vae-iwae5': { objective: 'iwae', trainK: 5 },
  // Workloads 1 and 2 as `vmodel fit` runs them: models/vae.vmodel through the engine (timing only).
  'vae-engine-elbo': { objective: 'elbo', trainK: 1, engine: true },
  'vae-engine-iwae5': { objective: 'iwae', trainK: 5, engine: true },
} as const;
type VaeWorkloadName = keyof typeof WORKLOADS;
type WorkloadName = VaeWorkloadName | string;
const DEFAULT_SUITE: readonly WorkloadName[] = ['vae-elbo', 'vae-iwae5', 'vae-engine-elbo', 'vae-engine-iwae5', ...Object.keys(OTHER_WORKLOADS)];
const isVae = (name: WorkloadName): name is VaeWorkloadName => name in WORKLOADS;

const CORES = availableThreads();
const TORCH_SCRIPT = join(import.meta.dirname, '..', '..', 'shared', 'reference', 'torch_vae.py');

function options() {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      backend: { type: 'string', default: 'auto' },
      warmup: { type: 'string' },
      steps: { type: 'string' },
      repeats: { type: 'string' },
      'no-epoch': { type: 'boolean', default: false },
      'eval-k': { type: 'string' },
      'eval-n': { type: 'string' },
      torch: { type: 'boolean', default: false },
      sklearn: { type: 'boolean', default: false },
      'torch-threads': { type: 'string' },
      quick: { type: 'boolean', default: false },
      out: { type: 'string', default: join(import.meta.dirname, 'results') },
      child: { type: 'string' },
      path: { type: 'string', default: 'fast' },
      threads: { type: 'string' },
    },
  });
  const quick = values.quick;
  const int = (name: string, v: string | undefined, fallback: number): number => {
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`--${name} expects a non-negative integer, got '${v}'`);
    return n;
  };
  const only = (values.only ?? DEFAULT_SUITE.join(',')).split(',').map((s) => s.trim());
  for (const w of only) {
    if (!(w in WORKLOADS) && !(w in OTHER_WORKLOADS)) {
      throw new RangeError(`--only: unknown workload '${w}'; available: ${[...Object.keys(WORKLOADS), ...Object.keys(OTHER_WORKLOADS)].join(', ')}`);
    }
  }
  if (values.path !== 'fast' && values.path !== 'stock') throw new RangeError(`--path expects fast or stock, got '${values.path}'`);
  return {
    only: only as WorkloadName[],
    path: values.path as LayerPath,
    backend: parseBackendName(values.backend),
    warmup: int('warmup', values.warmup, quick ? 5 : 20),
    steps: int('steps', values.steps, quick ? 30 : 200),
    repeats: int('repeats', values.repeats, quick ? 2 : 3),
    epoch: !values['no-epoch'] && !quick,
    evalK: int('eval-k', values['eval-k'], 1000),
    evalN: int('eval-n', values['eval-n'], quick ? 50 : 1000),
    torch: values.torch,
    sklearn: values.sklearn,
    quick,
    threads: values.threads === undefined ? undefined : parseThreads(values.threads),
    torchThreads: int('torch-threads', values['torch-threads'], values.threads === undefined ? CORES : parseThreads(values.threads)),
    out: values.out,
    child: values.child as WorkloadName | undefined,
  };
}

type Options = ReturnType<typeof options>;

/** Child mode: run one workload and print its record as the last stdout line. */
async function child(name: WorkloadName, o: Options): Promise<void> {
  // As `vmodel fit` chooses (src/cli/backend-option.ts): all cores for the networks, one thread otherwise.
  const backend = await selectBackend(o.backend, { threads: o.threads ?? (isVae(name) ? CORES : 1) });
  if (!isVae(name)) {
    const t0 = performance.now();
    const result = OTHER_WORKLOADS[name]!(o);
    const record: WorkloadRecord = { name, backend, wallSeconds: round((performance.now() - t0) / 1000, 2), result, tfjsMemory: tf.memory() };
    process.stdout.write(JSON.stringify(record) + '\n');
    return;
  }
  const w = WORKLOADS[name];
  const t0 = performance.now();
  const common = { objective: w.objective, trainK: w.trainK, batch: 128, warmup: o.warmup, steps: o.steps, repeats: o.repeats, seed: 0 };
  const result =
    'engine' in w
      ? runVaeEngine({ ...common, evalK: o.evalK, evalN: o.evalN })
      : runVae({ ...common, epoch: o.epoch, evalK: o.evalK, evalN: o.evalN, path: o.path });
  const record: WorkloadRecord = { name, backend, wallSeconds: round((performance.now() - t0) / 1000, 2), result, tfjsMemory: tf.memory() };
  process.stdout.write(JSON.stringify(record) + '\n');
}

function runChild(name: WorkloadName, argv: readonly string[]): WorkloadRecord {
  const args = [...process.execArgv, process.argv[1]!, ...argv, '--child', name];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 });
  const last = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !last.startsWith('{')) throw new Error(`workload ${name} failed (exit ${r.status}): ${r.stdout.slice(-2000)}`);
  return JSON.parse(last) as WorkloadRecord;
}

function runTorch(name: VaeWorkloadName, o: Options): Record<string, unknown> | null {
  const python = '/usr/bin/python3';
  if (!existsSync(python) || !existsSync(TORCH_SCRIPT)) return null;
  const w = WORKLOADS[name];
  const args = [TORCH_SCRIPT, '--epochs', '0', '--steps', String(o.steps), '--warmup', String(o.warmup), '--repeats', String(o.repeats), '--objective', w.objective, '--train-k', String(w.trainK), '--threads', String(o.torchThreads)];
  const r = spawnSync(python, args, { encoding: 'utf8', env: { ...process.env, OMP_WAIT_POLICY: 'PASSIVE' }, maxBuffer: 1 << 24 });
  const last = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !last.startsWith('{')) {
    process.stderr.write(`torch reference failed for ${name}: ${r.stderr.slice(-500)}\n`);
    return null;
  }
  return { command: `OMP_WAIT_POLICY=PASSIVE ${python} ${args.join(' ')}`, ...(JSON.parse(last) as Record<string, unknown>) };
}

async function main(): Promise<void> {
  const o = options();
  if (o.child !== undefined) return child(o.child, o);
  const forward = process.argv.slice(2);
  const suite: SuiteResult = { date: new Date().toISOString(), machine: machineInfo(), protocol: { warmup: o.warmup, steps: o.steps, repeats: o.repeats, batch: 128, path: o.path }, workloads: [] };
  for (const name of o.only) {
    process.stderr.write(`running ${name} ...\n`);
    const record = runChild(name, forward);
    if (o.torch && isVae(name)) {
      process.stderr.write(`running torch reference for ${name} ...\n`);
      record.torch = runTorch(name, o);
    }
    suite.workloads.push(record);
  }
  mkdirSync(o.out, { recursive: true });
  writeFileSync(join(o.out, 'latest.json'), JSON.stringify(suite, null, 2) + '\n');
  const md = renderMarkdown(suite);
  writeFileSync(join(o.out, 'latest.md'), md);
  process.stdout.write(md);
}

main().catch((e: unknown) => {
  if (e instanceof BackendError || e instanceof RangeError) {
    process.stderr.write(`bench: ${e.message}\n`);
    process.exit(2);
  }
  throw e;
});
