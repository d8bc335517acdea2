/**
 * Command-line parsing from one table per command: the same table drives `--help`, the
 * unknown-option error (with "did you mean"), and the typed values handed to the command.
 */
import { parseArgs } from 'node:util';
import { closestName } from '../lang/suggest.js';
import { UsageError } from './errors.js';

export interface OptionSpec {
  readonly name: string;
  /** A flag (`--plan`) or an option with a value (`--epochs N`). */
  readonly type: 'boolean' | 'string';
  /** The value's placeholder in help (`N`, `PATH`). */
  readonly value?: string;
  readonly short?: string;
  /** May be given several times (`--data x=a.csv --data y=b.csv`). */
  readonly multiple?: boolean;
  readonly description: string;
}

export interface CommandSpec {
  readonly name: string;
  readonly summary: string;
  /** Positional arguments, in order, e.g. `FILE`. */
  readonly positionals: readonly { readonly name: string; readonly description: string; readonly optional?: boolean }[];
  readonly options: readonly OptionSpec[];
  readonly examples: readonly string[];
  /** More explanation after the options. */
  readonly notes?: string;
}

/** Options every command accepts. */
export const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  { name: 'plugin', type: 'string', value: 'FILE', multiple: true, description: 'load a distributions plugin (JS module) before compiling; repeatable' },
  { name: 'debug', type: 'boolean', description: 'show stack traces of internal errors' },
  { name: 'help', type: 'boolean', short: 'h', description: 'show this help' },
];

export type OptionValues = Record<string, string | boolean | string[] | undefined>;

export interface ParsedArgs {
  readonly values: OptionValues;
  readonly positionals: readonly string[];
}

/** Parse `argv` (after the command name) against the command's table; throws UsageError on any mistake. */
export function parseCommandArgs(spec: CommandSpec, argv: readonly string[]): ParsedArgs {
  const all = [...spec.options, ...GLOBAL_OPTIONS];
  checkOptionNames(spec.name, all, argv);
  const options: Record<string, { type: 'boolean' | 'string'; short?: string; multiple?: boolean }> = {};
  for (const o of all) options[o.name] = { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true, tokens: true });
  } catch (e) {
    throw new UsageError(rephrase((e as Error).message), spec.name);
  }
  const values = parsed.values as OptionValues;
  if (values.help) return { values, positionals: parsed.positionals };
  // parseArgs silently keeps the last of a repeated option; a repeated setting is more likely a mistake.
  const seen = new Set<string>();
  for (const token of parsed.tokens ?? []) {
    if (token.kind !== 'option' || all.find((o) => o.name === token.name)?.multiple) continue;
    if (seen.has(token.name)) throw new UsageError(`--${token.name} given more than once`, spec.name);
    seen.add(token.name);
  }
  const want = spec.positionals.length;
  const required = spec.positionals.filter((p) => !p.optional).length;
  if (parsed.positionals.length < required) {
    const missing = spec.positionals.slice(parsed.positionals.length, required).map((p) => p.name).join(' ');
    throw new UsageError(`'vmodel ${spec.name}' needs ${missing}`, spec.name);
  }
  if (parsed.positionals.length > want) {
    throw new UsageError(`unexpected argument '${parsed.positionals[want]}' for 'vmodel ${spec.name}'`, spec.name);
  }
  return { values, positionals: parsed.positionals };
}

/** Unknown `--name` options, reported with the closest known name. */
function checkOptionNames(command: string, options: readonly OptionSpec[], argv: readonly string[]): void {
  const names = options.map((o) => o.name);
  const shorts = new Set(options.flatMap((o) => (o.short ? [o.short] : [])));
  for (const arg of argv) {
    if (arg === '--') break;
    const long = /^--([^=]+)/.exec(arg);
    const short = /^-([^-])/.exec(arg);
    const name = long?.[1] ?? undefined;
    if (name !== undefined && !names.includes(name)) {
      const near = closestName(name, names);
      throw new UsageError(`unknown option --${name} for 'vmodel ${command}'${near ? `; did you mean --${near}?` : ''}`, command);
    }
    if (!long && short && !/^-\d/.test(arg) && !shorts.has(short[1]!)) {
      throw new UsageError(`unknown option ${arg} for 'vmodel ${command}'`, command);
    }
  }
}

/** Node's parseArgs messages, in our words. */
function rephrase(message: string): string {
  const missing = /Option '(-\w, )?(--[\w-]+) <value>' argument missing/.exec(message);
  if (missing) return `${missing[2]} needs a value`;
  const dash = /Option '(-\w, )?(--[\w-]+)' argument is ambiguous/.exec(message);
  if (dash) return `${dash[2]} needs a value (write a value that starts with '-' as ${dash[2]}=-1)`;
  const flag = /Option '(-\w, )?(--[\w-]+)' does not take an argument/.exec(message);
  if (flag) return `${flag[2]} is a flag and takes no value`;
  return message.replace(/\. To specify.*$/s, '');
}

/** The help text of one command. */
export function formatHelp(spec: CommandSpec): string {
  const args = spec.positionals.map((p) => (p.optional ? ` [${p.name}]` : ` ${p.name}`)).join('');
  const lines = [`vmodel ${spec.name}${args} [options]`, '', spec.summary, ''];
  if (spec.positionals.length) {
    lines.push('Arguments:');
    for (const p of spec.positionals) lines.push(`  ${p.name.padEnd(24)} ${p.description}`);
    lines.push('');
  }
  const row = (o: OptionSpec) => {
    const left = `${o.short ? `-${o.short}, ` : ''}--${o.name}${o.value ? ` ${o.value}` : ''}`;
    return `  ${left.padEnd(24)} ${o.description}`;
  };
  if (spec.options.length) lines.push('Options:', ...spec.options.map(row), '');
  lines.push('Global options:', ...GLOBAL_OPTIONS.map(row), '');
  if (spec.notes) lines.push(spec.notes.trimEnd(), '');
  lines.push('Examples:', ...spec.examples.map((e) => `  ${e}`), '');
  return lines.join('\n');
}

/** A string option's value, if given. */
export function stringOption(values: OptionValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

/** A repeatable option's values (empty if not given). */
export function listOption(values: OptionValues, name: string): string[] {
  const v = values[name];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
}

/** An integer option within [min, ∞), or undefined if absent. */
export function intOption(values: OptionValues, name: string, command: string, min = 1): number | undefined {
  const text = stringOption(values, name);
  if (text === undefined) return undefined;
  const n = /^[+-]?\d+$/.test(text.trim()) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`--${name} expects an integer ≥ ${min}, got '${text}'`, command);
  return n;
}

/** A positive finite number option, or undefined if absent. */
export function positiveOption(values: OptionValues, name: string, command: string): number | undefined {
  const text = stringOption(values, name);
  if (text === undefined) return undefined;
  const n = text.trim() === '' ? NaN : Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} expects a positive number, got '${text}'`, command);
  return n;
}

/** One of a fixed set of words. */
export function choiceOption<T extends string>(values: OptionValues, name: string, choices: readonly T[], command: string): T | undefined {
  const text = stringOption(values, name);
  if (text === undefined) return undefined;
  if ((choices as readonly string[]).includes(text)) return text as T;
  const near = closestName(text, choices);
  throw new UsageError(`--${name} expects one of ${choices.join(', ')}, got '${text}'${near ? `; did you mean ${near}?` : ''}`, command);
}
