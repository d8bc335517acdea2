/**
 * Our WASM kernels (wasm-kernels.ts) on several threads at once.
 *
 * The threaded build of tfjs's backend keeps its tensors in a shared memory, so other threads can
 * run our kernel module on the same buffers. The pool starts `threads − 1` workers, each with its
 * own instance of the module on that memory. A call splits one kernel into `parts` parts: every
 * kernel takes (…, part, parts) last and writes only its own share of the output, so the result
 * does not depend on which thread runs which part.
 *
 * The calling thread and the workers take parts from a shared counter until none is left. A worker
 * wakes some 50 µs after it is notified; with a fixed half each, the caller would sit idle that long
 * on every call, while with several parts per thread it simply takes more of them.
 *
 * Hand-off goes through a small shared control block with `Atomics.wait`/`notify`: no messages,
 * no allocation per call. Workers are unref'd: an idle pool never keeps the process alive.
 */
import { Worker } from 'node:worker_threads';

/** The most numeric arguments a kernel takes before (part, parts). */
const MAX_ARGS = 16;

// Control block: int32 slots, then float64 arguments.
const GENERATION = 0; // bumped once per call; workers wait on it
const PENDING = 1; // workers that have not finished the current call
const KERNEL = 2; // index of the kernel in `names`
const ARG_COUNT = 3;
const FAILED = 4; // set by a worker whose part threw
const NEXT = 5; // the next part to take
const PARTS = 6; // parts in the current call
const ARGS_OFFSET = 8 * 4;

/**
 * The worker: instantiate the module on the shared memory, then run parts until the process ends.
 * A worker that cannot instantiate still answers every call (taking no parts), so the caller, which
 * takes whatever parts are left, never waits on it.
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { module, memory, control, names } = workerData;
let kernels = null;
try {
  const exports = new WebAssembly.Instance(module, { env: { memory } }).exports;
  kernels = names.map((name) => exports[name]);
} catch {}
const ctl = new Int32Array(control, 0, 8);
const args = new Float64Array(control, ${ARGS_OFFSET}, ${MAX_ARGS});
let generation = 0;
for (;;) {
  Atomics.wait(ctl, ${GENERATION}, generation);
  generation = Atomics.load(ctl, ${GENERATION});
  const n = ctl[${ARG_COUNT}];
  const parts = ctl[${PARTS}];
  const kernel = kernels === null ? null : kernels[ctl[${KERNEL}]];
  const call = new Array(n + 2);
  for (let i = 0; i < n; i++) call[i] = args[i];
  call[n + 1] = parts;
  try {
    for (let part = kernels === null ? parts : Atomics.add(ctl, ${NEXT}, 1); part < parts; part = Atomics.add(ctl, ${NEXT}, 1)) {
      call[n] = part;
      kernel(...call);
    }
  } catch {
    Atomics.store(ctl, ${FAILED}, 1);
  }
  if (Atomics.sub(ctl, ${PENDING}, 1) === 1) Atomics.notify(ctl, ${PENDING});
}
`;

/** How long a call waits for a worker without any progress before it gives up (a worker that died). */
const STALL_MS = 60_000;

export class KernelPool {
  private readonly ctl: Int32Array;
  private readonly args: Float64Array;
  private readonly index: Map<string, number>;
  /** Workers started (fewer than asked if the process could not start them all). */
  private readonly workers: number = 0;

  /**
   * Start `threads − 1` workers running `module` (the shared-memory build) on `memory`; `names`
   * are the exports a call may name.
   */
  constructor(
    module: WebAssembly.Module,
    memory: WebAssembly.Memory,
    threads: number,
    names: readonly string[],
  ) {
    const control = new SharedArrayBuffer(ARGS_OFFSET + 8 * MAX_ARGS);
    this.ctl = new Int32Array(control, 0, 8);
    this.args = new Float64Array(control, ARGS_OFFSET, MAX_ARGS);
    this.index = new Map(names.map((name, i) => [name, i]));
    for (let part = 1; part < threads; part++) {
      try {
        new Worker(WORKER_SOURCE, { eval: true, workerData: { module, memory, control, names } }).unref();
        this.workers++;
      } catch {
        break; // the calling thread takes the parts that workers would have
      }
    }
  }

  /**
   * Run `kernel(...args, part, parts)` for part = 0 … parts − 1, this thread (through `local`, its
   * own instance) taking parts alongside the workers, and return when all parts are done.
   */
  run(kernel: string, local: (...args: number[]) => unknown, args: readonly number[], parts: number): void {
    const k = this.index.get(kernel);
    if (k === undefined || args.length > MAX_ARGS) throw new Error(`internal: kernel ${kernel} cannot run on the pool`);
    const { ctl } = this;
    ctl[KERNEL] = k;
    ctl[ARG_COUNT] = args.length;
    ctl[PARTS] = parts;
    for (let i = 0; i < args.length; i++) this.args[i] = args[i]!;
    Atomics.store(ctl, NEXT, 0);
    Atomics.store(ctl, PENDING, this.workers);
    Atomics.add(ctl, GENERATION, 1);
    Atomics.notify(ctl, GENERATION);
    try {
      for (let part = Atomics.add(ctl, NEXT, 1); part < parts; part = Atomics.add(ctl, NEXT, 1)) local(...args, part, parts);
    } finally {
      // Even when a part here throws, the workers must finish before the control block is reused.
      for (let pending = Atomics.load(ctl, PENDING); pending !== 0; pending = Atomics.load(ctl, PENDING)) {
        if (Atomics.wait(ctl, PENDING, pending, STALL_MS) === 'timed-out' && Atomics.load(ctl, PENDING) === pending) {
          throw new Error(`internal: a kernel-pool worker has not answered for ${STALL_MS / 1000} s (kernel ${kernel})`);
        }
      }
    }
    if (Atomics.exchange(ctl, FAILED, 0) !== 0) throw new Error(`internal: kernel ${kernel} failed on a worker thread`);
  }
}
