/** `vmodel explain CODE`: what a diagnostic code means (compiler E/W codes and data D codes). */
import { type CommandSpec, type ParsedArgs } from '../args.js';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';

export const explainSpec: CommandSpec = {
  name: 'explain',
  summary: 'Explain a diagnostic code from the compiler (E0107, W0301, …) or the data loader (D0003, …).',
  positionals: [{ name: 'CODE', description: 'the code, as printed in brackets: error[E0107]' }],
  options: [],
  examples: ['vmodel explain E0107', 'vmodel explain D0003'],
};

export async function explainCommand(args: ParsedArgs, io: Io): Promise<number> {
  const code = args.positionals[0]!.toUpperCase();
  const { ALL_CODES } = await import('../../lang/codes/index.js');
  const { DATA_CODES } = await import('../../data/index.js');
  const catalogue = [...ALL_CODES, ...DATA_CODES];
  const info = catalogue.find((c) => c.code === code);
  if (!info) {
    const { closestName } = await import('../../lang/suggest.js');
    const near = closestName(code, catalogue.map((c) => c.code));
    throw new UsageError(`unknown code '${args.positionals[0]}'${near ? `; did you mean ${near}?` : ''}`, 'explain');
  }
  io.out(`${info.code} (${info.severity}, ${info.stage}): ${info.title}\n\n${info.explanation.trim()}\n`);
  return 0;
}
