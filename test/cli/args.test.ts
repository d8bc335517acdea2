/** Argument parsing from the command tables: help, unknown options, missing values, typed values. */
import { describe, expect, it } from 'vitest';
import { COMMANDS, formatHelp, memoryIo, parseCommandArgs, runCli, UsageError, type CommandSpec } from '../../src/cli/index.js';
import { choiceOption, intOption, positiveOption } from '../../src/cli/args.js';

const spec: CommandSpec = {
  name: 'demo',
  summary: 'A demo command.',
  positionals: [{ name: 'FILE', description: 'a file' }],
  options: [
    { name: 'epochs', type: 'string', value: 'N', description: 'passes' },
    { name: 'plan', type: 'boolean', description: 'a flag' },
    { name: 'data', type: 'string', value: 'PATH', multiple: true, description: 'data' },
  ],
  examples: ['vmodel demo a.vmodel --epochs 3'],
};

const usage = (argv: string[]) => {
  try {
    parseCommandArgs(spec, argv);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error('expected a UsageError');
};

describe('parseCommandArgs', () => {
  it('parses values, flags, repeated options and the positional', () => {
    const r = parseCommandArgs(spec, ['m.vmodel', '--epochs', '3', '--plan', '--data', 'a.csv', '--data=b.csv']);
    expect(r.positionals).toEqual(['m.vmodel']);
    expect(r.values).toMatchObject({ epochs: '3', plan: true, data: ['a.csv', 'b.csv'] });
  });

  it('names an unknown option and suggests the nearest', () => {
    expect(usage(['m', '--epoch', '3'])).toBe("unknown option --epoch for 'vmodel demo'; did you mean --epochs?");
    expect(usage(['m', '--zzzzzz'])).toBe("unknown option --zzzzzz for 'vmodel demo'");
    expect(usage(['m', '-q'])).toBe("unknown option -q for 'vmodel demo'");
  });

  it('reports missing values, flags given values, missing and extra arguments, repeated single options', () => {
    expect(usage(['m', '--epochs'])).toBe('--epochs needs a value');
    expect(usage(['m', '--plan=yes'])).toBe('--plan is a flag and takes no value');
    expect(usage([])).toBe("'vmodel demo' needs FILE");
    expect(usage(['m', 'n'])).toBe("unexpected argument 'n' for 'vmodel demo'");
    expect(usage(['m', '--epochs', '1', '--epochs', '2'])).toBe('--epochs given more than once');
  });

  it('accepts the global options and --help without the positional', () => {
    expect(parseCommandArgs(spec, ['--help']).values.help).toBe(true);
    expect(parseCommandArgs(spec, ['m', '--plugin', 'p.js', '--plugin', 'q.js', '--debug']).values).toMatchObject({ plugin: ['p.js', 'q.js'], debug: true });
  });
});

describe('typed option values', () => {
  it('integers, positive numbers and choices are checked with the flag named', () => {
    expect(intOption({ n: '12' }, 'n', 'demo')).toBe(12);
    expect(intOption({}, 'n', 'demo')).toBeUndefined();
    expect(() => intOption({ n: '1.5' }, 'n', 'demo')).toThrow("--n expects an integer ≥ 1, got '1.5'");
    expect(() => intOption({ n: '-1' }, 'n', 'demo', 0)).toThrow('≥ 0');
    expect(positiveOption({ lr: '1e-3' }, 'lr', 'demo')).toBe(1e-3);
    expect(() => positiveOption({ lr: '0' }, 'lr', 'demo')).toThrow("--lr expects a positive number, got '0'");
    expect(() => positiveOption({ lr: 'abc' }, 'lr', 'demo')).toThrow('positive number');
    expect(choiceOption({ m: 'svi' }, 'm', ['svi', 'map'], 'demo')).toBe('svi');
    expect(() => choiceOption({ m: 'sv' }, 'm', ['svi', 'map'], 'demo')).toThrow("--m expects one of svi, map, got 'sv'; did you mean svi?");
  });
});

describe('help', () => {
  it('lists arguments, every option, the global options and the examples', () => {
    const help = formatHelp(spec);
    expect(help).toContain('vmodel demo FILE [options]');
    for (const text of ['--epochs N', '--plan', '--data PATH', '--plugin FILE', '--debug', '-h, --help', 'vmodel demo a.vmodel --epochs 3']) expect(help).toContain(text);
  });

  it.each(COMMANDS.map((c) => c.spec.name))('vmodel %s --help exits 0 with its options and examples', async (name) => {
    const io = memoryIo();
    expect(await runCli([name, '--help'], io)).toBe(0);
    expect(io.stdout).toContain(`vmodel ${name}`);
    expect(io.stdout).toContain('Examples:');
    const command = COMMANDS.find((c) => c.spec.name === name)!;
    for (const o of command.spec.options) expect(io.stdout).toContain(`--${o.name}`);
  });

  it('top-level help, version, unknown commands', async () => {
    const io = memoryIo();
    expect(await runCli([], io)).toBe(0);
    for (const c of COMMANDS) expect(io.stdout).toContain(`  ${c.spec.name}`);
    const version = memoryIo();
    expect(await runCli(['--version'], version)).toBe(0);
    expect(version.stdout).toMatch(/^vmodel \d+\.\d+\.\d+\n$/);
    const unknown = memoryIo();
    expect(await runCli(['chek', 'm.vmodel'], unknown)).toBe(1);
    expect(unknown.stderr).toContain("unknown command 'chek'; did you mean 'check'?");
  });
});
