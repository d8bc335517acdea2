/**
 * Where a command writes and how it learns of Ctrl-C. Commands never touch `process` directly, so
 * the same code runs in the main thread, in the worker that runs long commands, and in tests.
 */
export interface Io {
  /** Results (tables, paths): standard output. */
  out(text: string): void;
  /** Diagnostics, progress and log lines: standard error. */
  err(text: string): void;
  /** Standard error is a terminal: draw a progress bar instead of log lines. */
  readonly tty: boolean;
  /** Terminal width (80 when unknown). */
  readonly columns: number;
  readonly color: boolean;
  /** True once the user pressed Ctrl-C (or the process got SIGINT/SIGTERM). */
  interrupted(): boolean;
}

/** An `AbortSignal`-shaped view of `io.interrupted()` for the fit loop, which only reads `aborted`. */
export function abortSignalOf(io: Io): AbortSignal {
  // The fit loop is synchronous, so a real AbortController could never be triggered during it;
  // the flag behind `interrupted()` is shared memory written by the main thread.
  return { get aborted() { return io.interrupted(); } } as AbortSignal;
}

/** An Io that collects output in memory, for tests. */
export function memoryIo(options: { tty?: boolean; interrupted?: () => boolean } = {}): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out(text: string) { io.stdout += text; },
    err(text: string) { io.stderr += text; },
    tty: options.tty ?? false,
    columns: 80,
    color: false,
    interrupted: options.interrupted ?? (() => false),
  };
  return io;
}
