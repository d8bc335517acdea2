/** `vmodel graph FILE`: the model's plate diagram as Graphviz DOT, SVG and PNG. */
import { join } from 'node:path';
import { listOption, stringOption, type CommandSpec, type ParsedArgs } from '../args.js';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { loadGraph } from '../load-model.js';
import { writeAtomic } from '../run-files.js';

export const graphSpec: CommandSpec = {
  name: 'graph',
  summary: 'Draw the plate diagram of a model: writes NAME.dot, NAME.svg and NAME.png.',
  positionals: [{ name: 'FILE', description: 'the .vmodel file' }],
  options: [
    { name: 'out', type: 'string', value: 'DIR', description: 'directory for the files (default: the current directory)' },
    { name: 'guide', type: 'string', value: 'NAME', description: 'overlay a written guide\'s dependencies (the inference network) as dashed edges' },
    { name: 'dot', type: 'boolean', description: 'print the DOT text to standard output and write nothing' },
  ],
  examples: ['vmodel graph models/vae.vmodel --guide amortized --out pictures', 'vmodel graph models/gmm.vmodel --dot | dot -Tpdf > gmm.pdf'],
};

export async function graphCommand(args: ParsedArgs, io: Io): Promise<number> {
  const model = await loadGraph(args.positionals[0]!, io, listOption(args.values, 'plugin'));
  const graph = model.graph;
  const guide = stringOption(args.values, 'guide');
  if (guide !== undefined) {
    const found = graph.guides.find((g) => g.name === guide);
    if (!found) throw new UsageError(`unknown guide '${guide}': ${graph.name} declares ${graph.guides.map((g) => g.name).join(', ') || 'no guides'}`, 'graph');
    if (found.kind !== 'written') throw new UsageError(`guide '${guide}' is automatic (${found.strategy}); only a written guide has dependencies to draw`, 'graph');
  }
  const { toDot } = await import('../../graph/index.js');
  const dot = toDot(graph, guide !== undefined ? { guide } : {});
  if (args.values.dot) {
    io.out(dot.endsWith('\n') ? dot : `${dot}\n`);
    return 0;
  }
  const base = join(stringOption(args.values, 'out') ?? '.', graph.name);
  writeAtomic(`${base}.dot`, dot.endsWith('\n') ? dot : `${dot}\n`);
  const { drawPlateDiagram } = await import('../run-pictures.js');
  const written = await drawPlateDiagram(graph, base, guide);
  io.out(`${[`${base}.dot`, ...written].join('\n')}\n`);
  return 0;
}
