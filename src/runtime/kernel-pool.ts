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
 * Hand-off goes through a small shared control block with `Atomics.wait`/`notify`: no messages and
 * nothing serialized per call. Each worker has its own slots in it: the caller asks only the workers
 * that are ready to join a call and waits only for those, so a worker still starting up (or one
 * that never starts) delays nothing. Workers are unref'd: an idle pool never keeps the process alive.
 */
import { Worker } from 'node:worker_threads';

/** The most numeric arguments a kernel takes before (part, parts). */
const MAX_ARGS = 16;

// Control block: a header of int32 slots, three int32 slots per worker, then float64 arguments.
const KERNEL = 0; // index of the kernel in `names`
const ARG_COUNT = 1;
const PARTS = 2; // parts in the current call
const NEXT = 3; // the next part to take
const FAILED = 4; // set by a worker whose part threw
const HEADER = 8;
// Per worker w, at HEADER + 3w: READY (set once it can take calls), CALL (the call it is asked to
// join, bumped by the caller) and DONE (the last call it finished).
const READY = 0;
const CALL = 1;
const DONE = 2;

/**
 * The worker: instantiate the module on the shared memory, say it is ready, then join every call it
 * is asked to until the process ends. One that cannot instantiate still answers (taking no parts).
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { module, memory, control, names, slot, argsOffset } = workerData;
let kernels = null;
try {
  const exports = new WebAssembly.Instance(module, { env: { memory } }).exports;
  kernels = names.map((name) => exports[name]);
} catch {}
const ctl = new Int32Array(control, 0, argsOffset / 4);
const args = new Float64Array(control, argsOffset, ${MAX_ARGS});
Atomics.store(ctl, slot + ${READY}, 1);
let call = 0;
for (;;) {
  Atomics.wait(ctl, slot + ${CALL}, call);
  call = Atomics.load(ctl, slot + ${CALL});
  const n = ctl[${ARG_COUNT}];
  const parts = ctl[${PARTS}];
  const kernel = kernels === null ? null : kernels[ctl[${KERNEL}]];
  const argv = new Array(n + 2);
  for (let i = 0; i < n; i++) argv[i] = args[i];
  argv[n + 1] = parts;
  try {
    for (let part = kernels === null ? parts : Atomics.add(ctl, ${NEXT}, 1); part < parts; part = Atomics.add(ctl, ${NEXT}, 1)) {
      argv[n] = part;
      kernel(...argv);
    }
  } catch {
    Atomics.store(ctl, ${FAILED}, 1);
  }
  Atomics.store(ctl, slot + ${DONE}, call);
  Atomics.notify(ctl, slot + ${DONE});
}
`;

/** How long a call waits for a worker that has joined it, without progress, before it gives up (a worker that died). */
const STALL_MS = 60_000;

export class KernelPool {
  private readonly ctl: Int32Array;
  private readonly args: Float64Array;
  private readonly index: Map<string, number>;
  /** The control-block slot of each worker started (fewer than asked if the process could not start them all). */
  private readonly slots: number[] = [];
  /** Workers that join the current call. */
  private readonly joined: number[] = [];
  private call = 0;

  /**
   * Start `threads − 1` workers running `module` (the shared-memory build) on `memory`; `names`
   * are the exports a call may name. Calls made before a worker is ready run without it.
   */
  constructor(module: WebAssembly.Module, memory: WebAssembly.Memory, threads: number, names: readonly string[]) {
    // The float64 arguments start at a multiple of 8 bytes.
    const argsOffset = 8 * Math.ceil((HEADER + 3 * Math.max(threads - 1, 0)) / 2);
    const control = new SharedArrayBuffer(argsOffset + 8 * MAX_ARGS);
    this.ctl = new Int32Array(control, 0, argsOffset / 4);
    this.args = new Float64Array(control, argsOffset, MAX_ARGS);
    this.index = new Map(names.map((name, i) => [name, i]));
    for (let w = 0; w < threads - 1; w++) {
      const slot = HEADER + 3 * w;
      try {
        new Worker(WORKER_SOURCE, { eval: true, workerData: { module, memory, control, names, slot, argsOffset } }).unref();
        this.slots.push(slot);
      } catch {
        break; // the calling thread takes the parts that workers would have
      }
    }
  }

  /**
   * Run `kernel(...args, part, parts)` for part = 0 … parts − 1, this thread (through `local`, its
   * own instance) taking parts alongside the ready workers, and return when all parts are done.
   */
  run(kernel: string, local: (...args: number[]) => unknown, args: readonly number[], parts: number): void {
    const k = this.index.get(kernel);
    if (k === undefined || args.length > MAX_ARGS) throw new Error(`internal: kernel ${kernel} cannot run on the pool`);
    const { ctl, joined } = this;
    ctl[KERNEL] = k;
    ctl[ARG_COUNT] = args.length;
    ctl[PARTS] = parts;
    for (let i = 0; i < args.length; i++) this.args[i] = args[i]!;
    Atomics.store(ctl, NEXT, 0);
    const call = ++this.call;
    joined.length = 0;
    for (const slot of this.slots) {
      if (Atomics.load(ctl, slot + READY) !== 1) continue;
      joined.push(slot);
      Atomics.store(ctl, slot + CALL, call);
      Atomics.notify(ctl, slot + CALL);
    }
    try {
      for (let part = Atomics.add(ctl, NEXT, 1); part < parts; part = Atomics.add(ctl, NEXT, 1)) local(...args, part, parts);
    } finally {
      // Even when a part here throws, the workers must finish before the control block is reused.
      for (const slot of joined) {
        for (let done = Atomics.load(ctl, slot + DONE); done !== call; done = Atomics.load(ctl, slot + DONE)) {
          if (Atomics.wait(ctl, slot + DONE, done, STALL_MS) === 'timed-out' && Atomics.load(ctl, slot + DONE) === done) {
            throw new Error(`internal: a kernel-pool worker has not answered for ${STALL_MS / 1000} s (kernel ${kernel})`);
          }
        }
      }
    }
    if (Atomics.exchange(ctl, FAILED, 0) !== 0) throw new Error(`internal: kernel ${kernel} failed on a worker thread`);
  }
}
