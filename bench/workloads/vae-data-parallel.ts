/**
 * Workload 1 trained data-parallel on `world` worker threads (see data-parallel/trainer.ts):
 * timing only, with the same protocol as the single-thread workload.
 */
import { peakRssMb, timeSteps, type Timing, type TimingOptions } from '../harness.js';
import { readTrain } from '../mnist.js';
import { DataParallelTrainer } from './data-parallel/trainer.js';

export interface DataParallelResult {
  readonly world: number;
  readonly timing: Timing;
  readonly stepsRun: number;
  /** Σ objective / batch of the last step (comparable across world sizes: the replicas compute the same update). */
  readonly lastObjective: number;
  readonly peakRssMb: number;
}

export async function runVaeDataParallel(
  o: TimingOptions & { world: number; backend: string; objective: 'elbo' | 'iwae'; trainK: number; batch: number; seed: number },
): Promise<DataParallelResult> {
  const train = readTrain();
  const trainer = await DataParallelTrainer.start(o, train);
  const nBatches = Math.floor(train.n / o.batch);
  const rows = new Int32Array(o.batch);
  let last = 0;
  let stepsRun = 0;
  try {
    const timing = timeSteps((i) => {
      const start = (i % nBatches) * o.batch;
      for (let r = 0; r < o.batch; r++) rows[r] = start + r;
      last = trainer.step(rows) / o.batch;
      stepsRun++;
    }, o);
    return { world: o.world, timing, stepsRun, lastObjective: Math.round(last * 1000) / 1000, peakRssMb: peakRssMb() };
  } finally {
    await trainer.stop();
  }
}
