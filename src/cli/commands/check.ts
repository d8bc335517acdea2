/**
 * `vmodel check FILE`: compile a model and print its diagnostics and a summary; `--plan` adds the
 * guide and gradient estimator chosen for every latent; `--emit ast|ir` dumps a compiler stage.
 */
import { choiceOption, listOption, stringOption, type CommandSpec, type ParsedArgs } from '../args.js';
import { UsageError, UserError } from '../errors.js';
import { METHODS } from '../fit-settings.js';
import type { Io } from '../io.js';
import { loadModel } from '../load-model.js';

export const checkSpec: CommandSpec = {
  name: 'check',
  summary: 'Compile a model: print its diagnostics and a summary of its variables, factors and guides.',
  positionals: [{ name: 'FILE', description: 'the .vmodel file' }],
  options: [
    { name: 'plan', type: 'boolean', description: 'show the guide family and gradient estimator chosen for every latent' },
    { name: 'method', type: 'string', value: 'M', description: 'with --plan: the method whose guide to plan (default: the infer block\'s)' },
    { name: 'guide', type: 'string', value: 'NAME', description: 'with --plan: the guide to plan' },
    { name: 'emit', type: 'string', value: 'ast|ir', description: 'print a compiler stage as JSON instead of the summary' },
  ],
  examples: ['vmodel check models/vae.vmodel', 'vmodel check models/vae.vmodel --plan --guide mf', 'vmodel check models/gmm.vmodel --emit ir > gmm.ir.json'],
};

export async function checkCommand(args: ParsedArgs, io: Io): Promise<number> {
  const path = args.positionals[0]!;
  const emit = choiceOption(args.values, 'emit', ['ast', 'ir'] as const, 'check');
  const plan = args.values.plan === true;
  if (!plan && (args.values.method !== undefined || args.values.guide !== undefined)) {
    throw new UsageError('--method and --guide only apply with --plan', 'check');
  }
  const model = await loadModel(path, io, { plugins: listOption(args.values, 'plugin'), ...(emit === 'ast' ? { stopAfter: 'parse' as const } : {}) });
  const { emitAst, emitIr, graphSummary } = await import('../../graph/index.js');
  if (emit === 'ast') {
    io.out(`${emitAst(model.result.program!)}\n`);
    return 0;
  }
  const graph = model.result.graph!;
  if (emit === 'ir') {
    io.out(`${emitIr(graph)}\n`);
    return 0;
  }
  io.out(`${path}: ok\n${graphSummary(graph).trimEnd()}\n`);
  if (plan) {
    const method = choiceOption(args.values, 'method', METHODS, 'check') ?? graph.infer.method ?? 'svi';
    const guide = stringOption(args.values, 'guide');
    if (method === 'em') throw new UserError('error: --plan describes variational guides; EM computes the exact posterior of its discrete latents instead (use --method meanfield, fullrank, svi or map)');
    const { useBackend } = await import('../backend-option.js');
    await useBackend({ backend: 'cpu' }, 'check');
    const { prepare } = await import('../../inference/setup.js');
    const prepared = prepare(graph, 1, 0, method, guide ?? (method === 'svi' ? graph.infer.guide : undefined));
    try {
      io.out(`\nplan (method ${method}, guide ${prepared.guide.name}):\n`);
      for (const site of prepared.guide.plan()) io.out(`  ${site.latent}: q = ${site.q}; ${site.estimator} gradient: ${site.reason}\n`);
      if (prepared.guide.plan().length === 0) io.out('  (no latent variables)\n');
    } finally {
      prepared.store.dispose();
    }
  }
  return 0;
}
