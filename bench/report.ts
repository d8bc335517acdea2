/** The benchmark result file's shape, and its rendering as a markdown table. */
import type { BackendInfo } from '../src/runtime/backend.js';
import type { MachineInfo } from './harness.js';
import type { VaeResult } from './workloads/vae.js';
import type { GenericResult } from './workloads/generic.js';

export interface WorkloadRecord {
  readonly name: string;
  readonly backend: BackendInfo;
  readonly wallSeconds: number;
  readonly result: VaeResult | GenericResult;
  readonly tfjsMemory: unknown;
  /** The PyTorch reference's JSON line, run right after this workload (with --torch). */
  torch?: Record<string, unknown> | null;
}

export interface SuiteResult {
  readonly date: string;
  readonly machine: MachineInfo;
  readonly protocol: { readonly warmup: number; readonly steps: number; readonly repeats: number; readonly batch: number; readonly path: string };
  readonly workloads: WorkloadRecord[];
}

const fmt = (v: number | null | undefined, digits = 2): string => (v === null || v === undefined ? '—' : v.toFixed(digits));

export function renderMarkdown(s: SuiteResult): string {
  const m = s.machine;
  const lines = [
    `# vmodel benchmark — ${s.date}`,
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, Node ${m.node}, tfjs ${m.tfjs}, load average at start ${m.loadavg.join(' ')}.`,
    `Protocol: ${s.protocol.warmup} warm-up steps, then ${s.protocol.repeats} × ${s.protocol.steps} timed steps; median reported. Batch ${s.protocol.batch}. Layer path: ${s.protocol.path}.`,
    '',
    '| workload | backend | steps/s | ms/step | CPU ms/step | s/epoch | IWAE-1000 s/1000 img | torch ms/step | torch ÷ ours | peak RSS MB | tensors before → after | wall s |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  const generic = s.workloads.filter((w): w is WorkloadRecord & { result: GenericResult } => 'kind' in w.result);
  const training = s.workloads.filter((w) => !('kind' in w.result)) as (WorkloadRecord & { result: VaeResult })[];
  for (const w of training) {
    const r = w.result;
    const torchMs = typeof w.torch?.['ms_per_step'] === 'number' ? (w.torch['ms_per_step'] as number) : null;
    const backend = w.backend.name + (w.backend.name === 'wasm' ? `${w.backend.simd ? ' (SIMD' : ' (no SIMD'}, ${w.backend.threads ?? 1} thread${w.backend.threads === 1 ? '' : 's'})` : '');
    lines.push(
      `| ${w.name} | ${backend} | ${fmt(r.timing.stepsPerSecond, 1)} | ${fmt(r.timing.msPerStep)} | ${fmt(Math.min(...r.timing.cpuMsPerStepRepeats))} | ${fmt(r.epochSeconds)} | ${fmt(r.evalSecondsPer1000Images)} | ${fmt(torchMs)} | ${torchMs === null ? '—' : fmt(torchMs / r.timing.msPerStep)} | ${fmt(r.peakRssMb, 0)} | ${r.tensorsBefore} → ${r.tensorsAfter} | ${fmt(w.wallSeconds, 1)} |`,
    );
  }
  if (generic.length > 0) {
    lines.push('', '| workload | backend | results | peak RSS MB | tensors before → after | wall s |', '|---|---|---|---|---|---|');
    for (const w of generic) {
      const r = w.result;
      const metrics = Object.entries(r.metrics).map(([k, v]) => `${k} ${v === null ? '—' : v}`).join('; ');
      lines.push(`| ${w.name} | ${w.backend.name} | ${metrics} | ${fmt(r.peakRssMb, 0)} | ${r.tensorsBefore} → ${r.tensorsAfter} | ${fmt(w.wallSeconds, 1)} |`);
    }
  }
  lines.push('');
  for (const w of generic) for (const note of w.result.notes) lines.push(`- ${w.name}: ${note}`);
  for (const w of training) {
    const r = w.result;
    if (r.trainObjectiveEpoch !== null) lines.push(`- ${w.name}: one epoch, train objective ${r.trainObjectiveEpoch} nats/image, test ELBO ${r.testElboAfterEpoch}; ${r.stepsRun} steps in all.`);
    if (r.evalIwaeLogLik !== null) lines.push(`- ${w.name}: IWAE-${1000} estimate ${r.evalIwaeLogLik} nats/image (model after the steps above).`);
  }
  return lines.join('\n') + '\n';
}
