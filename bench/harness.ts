/**
 * Timing protocol shared by every workload: untimed warm-up, then several timed repeats, report
 * the median rate (robust to a neighbour stealing the CPU for one repeat) plus the process CPU
 * time per step (what a quiet machine would show).
 */
import * as os from 'node:os';
import * as tf from '@tensorflow/tfjs';

export interface TimingOptions {
  readonly warmup: number;
  readonly steps: number;
  readonly repeats: number;
}

export interface Timing {
  readonly stepsPerSecond: number;
  readonly msPerStep: number;
  readonly stepsPerSecondRepeats: readonly number[];
  readonly cpuMsPerStepRepeats: readonly number[];
}

/** Time `step` (called with a running step index) under the protocol above. */
export function timeSteps(step: (i: number) => void, { warmup, steps, repeats }: TimingOptions): Timing {
  const rates: number[] = [];
  const cpu: number[] = [];
  let i = 0;
  for (let r = 0; r < repeats; r++) {
    for (let w = 0; w < warmup; w++) step(i++);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let s = 0; s < steps; s++) step(i++);
    const seconds = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    rates.push(steps / seconds);
    cpu.push((c.user + c.system) / 1000 / steps);
  }
  const med = median(rates);
  return { stepsPerSecond: round(med, 2), msPerStep: round(1000 / med, 3), stepsPerSecondRepeats: rates.map((v) => round(v, 2)), cpuMsPerStepRepeats: cpu.map((v) => round(v, 3)) };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Seconds taken by `f`. */
export function wallSeconds(f: () => void): number {
  const t0 = performance.now();
  f();
  return (performance.now() - t0) / 1000;
}

export function peakRssMb(): number {
  return round(process.resourceUsage().maxRSS / 1024, 1);
}

export function tensorsAlive(): number {
  return tf.memory().numTensors;
}

export interface MachineInfo {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGb: number;
  readonly node: string;
  readonly platform: string;
  readonly loadavg: readonly number[];
  readonly tfjs: string;
}

export function machineInfo(): MachineInfo {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGb: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadavg: os.loadavg().map((v) => round(v, 2)),
    tfjs: tf.version.tfjs,
  };
}
