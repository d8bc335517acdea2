/**
 * The `vmodel` command dispatcher: finds the command, parses its arguments from its table, prints
 * help, runs it, and turns every error into a message and an exit code (0 ok, 1 user error,
 * 2 internal error). Long commands can be handed to a runner (the worker thread in `main.ts`).
 */
import { formatHelp, parseCommandArgs, type CommandSpec, type ParsedArgs } from './args.js';
import {
  checkCommand, checkSpec, compareCommand, compareSpec, evalCommand, evalSpec, explainCommand, explainSpec,
  fitCommand, fitSpec, graphCommand, graphSpec, sampleCommand, sampleSpec,
} from './commands/index.js';
import { closestName } from '../lang/suggest.js';
import { describeError, EXIT_OK, EXIT_USER } from './errors.js';
import type { Io } from './io.js';
import { vmodelVersion } from './run-config.js';

export interface Command {
  readonly spec: CommandSpec;
  /** Runs tensor code for a long time: run it where Ctrl-C can reach it between steps. */
  readonly long: boolean;
  run(args: ParsedArgs, io: Io, argv: readonly string[]): Promise<number>;
}

export const COMMANDS: readonly Command[] = [
  { spec: checkSpec, long: false, run: checkCommand },
  { spec: graphSpec, long: false, run: graphCommand },
  { spec: fitSpec, long: true, run: fitCommand },
  { spec: evalSpec, long: true, run: evalCommand },
  { spec: sampleSpec, long: true, run: sampleCommand },
  { spec: compareSpec, long: true, run: compareCommand },
  { spec: explainSpec, long: false, run: explainCommand },
];

export interface RunOptions {
  /** Runs a long command elsewhere (a worker thread) and returns its exit code. */
  readonly runLong?: (argv: readonly string[]) => Promise<number>;
}

function topHelp(): string {
  const rows = COMMANDS.map((c) => `  ${c.spec.name.padEnd(9)} ${c.spec.summary.split('. ')[0]!.replace(/\.$/, '')}`);
  return [
    'vmodel: a probabilistic-programming language for variational inference',
    '',
    'Usage: vmodel COMMAND [arguments] [options]',
    '',
    'Commands:',
    ...rows,
    '',
    "Run 'vmodel COMMAND --help' for a command's options and examples.",
    '',
    'Examples:',
    '  vmodel check models/vae.vmodel --plan',
    '  vmodel fit models/vae.vmodel --data x=models/data/mnist-train-3k-images.idx.gz --binarize dynamic --epochs 20 --out runs/vae',
    '  vmodel eval runs/vae --data x=models/data/mnist-test-1k-images.idx.gz --binarize 0.5',
    '',
    'Exit codes: 0 success, 1 user error (bad model, data or flags), 2 internal error.',
    '',
  ].join('\n');
}

/** Run `vmodel ARGV…` and return the exit code. */
export async function runCli(argv: readonly string[], io: Io, options: RunOptions = {}): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    const [name, ...rest] = argv;
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      const topic = name === 'help' ? COMMANDS.find((c) => c.spec.name === rest[0]) : undefined;
      io.out(topic ? formatHelp(topic.spec) : topHelp());
      return EXIT_OK;
    }
    if (name === '--version' || name === '-V') {
      io.out(`vmodel ${vmodelVersion()}\n`);
      return EXIT_OK;
    }
    const command = COMMANDS.find((c) => c.spec.name === name);
    if (!command) {
      const near = closestName(name, COMMANDS.map((c) => c.spec.name));
      io.err(`error: unknown command '${name}'${near ? `; did you mean '${near}'?` : ''}\n(see 'vmodel --help')\n`);
      return EXIT_USER;
    }
    const args = parseCommandArgs(command.spec, rest);
    if (args.values.help) {
      io.out(formatHelp(command.spec));
      return EXIT_OK;
    }
    if (command.long && options.runLong) return await options.runLong(argv);
    return await command.run(args, io, rest);
  } catch (e) {
    const { text, code } = describeError(e, debug);
    io.err(text);
    return code;
  }
}
