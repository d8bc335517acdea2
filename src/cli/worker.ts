/**
 * Long commands (fit, eval, sample, compare) run in a worker thread. Their training loops are
 * synchronous, so the main thread stays free to draw output and to catch Ctrl-C: it sets a flag in
 * shared memory that the loop reads after every step.
 *
 *   main thread: runInWorker(argv, io)  ⇄  worker: runCli(argv, workerIo)
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { runCli } from './cli.js';
import type { Io } from './io.js';

interface WorkerInput {
  readonly argv: readonly string[];
  readonly tty: boolean;
  readonly columns: number;
  readonly color: boolean;
  /** Int32Array over a SharedArrayBuffer: [0] is 1 once interrupted. */
  readonly flag: Int32Array;
}

type Message = { kind: 'out' | 'err'; text: string } | { kind: 'exit'; code: number };

/** Run `argv` in a worker; `interrupt()` on the returned handle asks it to stop after the current step. */
export function runInWorker(argv: readonly string[], io: Io): { done: Promise<number>; interrupt(): void } {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const input: WorkerInput = { argv, tty: io.tty, columns: io.columns, color: io.color, flag };
  const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: input });
  const done = new Promise<number>((resolve, reject) => {
    let code: number | undefined;
    worker.on('message', (m: Message) => {
      if (m.kind === 'out') io.out(m.text);
      else if (m.kind === 'err') io.err(m.text);
      else if (m.kind === 'exit') code = m.code;
    });
    worker.on('error', reject);
    worker.on('exit', (exitCode) => resolve(code ?? (exitCode === 0 ? 0 : 2)));
  });
  return { done, interrupt: () => Atomics.store(flag, 0, 1) };
}

if (!isMainThread && parentPort) {
  const input = workerData as WorkerInput;
  const port = parentPort;
  const io: Io = {
    out: (text) => port.postMessage({ kind: 'out', text } satisfies Message),
    err: (text) => port.postMessage({ kind: 'err', text } satisfies Message),
    tty: input.tty,
    columns: input.columns,
    color: input.color,
    interrupted: () => Atomics.load(input.flag, 0) === 1,
  };
  const code = await runCli(input.argv, io);
  port.postMessage({ kind: 'exit', code } satisfies Message);
}
