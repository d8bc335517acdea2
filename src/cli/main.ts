#!/usr/bin/env node
/**
 * The `vmodel` executable. Quick commands run here; long ones run in a worker thread while this
 * thread relays their output and turns the first Ctrl-C into "stop after the current step" (a
 * second one quits at once).
 */
import { runCli } from './cli.js';
import type { Io } from './io.js';
import { runInWorker } from './worker.js';

let interrupted = false;
const io: Io = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  tty: Boolean(process.stderr.isTTY),
  columns: process.stderr.columns ?? 80,
  color: Boolean(process.stderr.isTTY) && !process.env.NO_COLOR,
  interrupted: () => interrupted,
};

process.exitCode = await runCli(process.argv.slice(2), io, {
  runLong: (argv) => {
    const job = runInWorker(argv, io);
    const onSignal = () => {
      if (interrupted) process.exit(130);
      interrupted = true;
      io.err('\ninterrupt: stopping after the current step (press Ctrl-C again to quit at once)\n');
      job.interrupt();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    return job.done.finally(() => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    });
  },
});
