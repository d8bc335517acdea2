/**
 * The `vmodel` command-line tool: check, graph, fit, eval, sample, compare and explain, driven by
 * one table per command. `runCli(argv, io)` runs a command in-process (tests, embedding); the
 * executable (`main.ts`) runs long commands in a worker so that Ctrl-C stops them cleanly.
 */
export { runCli, COMMANDS, type Command, type RunOptions } from './cli.js';
export { memoryIo, type Io } from './io.js';
export { formatHelp, parseCommandArgs, type CommandSpec, type OptionSpec, type ParsedArgs } from './args.js';
export { describeError, isUserError, UsageError, UserError, EXIT_OK, EXIT_USER, EXIT_INTERNAL } from './errors.js';
export { CHECKPOINT_FORMAT, type CheckpointFile } from './run-files.js';
export { RUN_FORMAT, type RunConfig } from './run-config.js';
