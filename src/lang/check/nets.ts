/**
 * Network declarations: `net f = mlp(IN -> HIDDEN… -> OUT, act, output = …)`.
 */
import type { Expr, NetDecl } from '../ast.js';
import type { Reporter } from './reporter.js';
import { didYouMean } from '../suggest.js';
import type { Activation, NetInfo } from './symbols.js';

const HIDDEN: readonly Activation[] = ['relu', 'tanh', 'sigmoid', 'softplus', 'elu', 'identity'];
const OUTPUT: readonly Activation[] = [...HIDDEN, 'exp', 'softmax'];

/** Validate a network declaration; `size` folds a width to a positive integer (reporting E0802). */
export function checkNet(decl: NetDecl, reporter: Reporter, size: (e: Expr, what: string) => number | undefined): NetInfo | undefined {
  const name = decl.name.name;
  if (decl.architecture.name !== 'mlp') {
    reporter.report('E0801', decl.architecture.span, `unknown network architecture '${decl.architecture.name}'`, didYouMean(decl.architecture.name, ['mlp']) ?? `write mlp(IN -> HIDDEN -> OUT, relu)`);
    return undefined;
  }
  const widths = decl.layers.map((e, i) => size(e, `width ${i} of network '${name}'`));
  let activation: Activation = 'relu';
  let output: Activation = 'identity';
  const seen = new Set<string>();
  let ok = !widths.includes(undefined);
  for (const option of decl.options) {
    const key = option.name?.name ?? 'activation';
    if (key !== 'activation' && key !== 'output') {
      reporter.report('E0804', option.name!.span, `mlp has no option '${key}'`, didYouMean(key, ['activation', 'output']) ?? 'options are activation and output');
      ok = false;
      continue;
    }
    if (seen.has(key)) {
      reporter.report('E0804', option.span, `the ${key} of network '${name}' is given twice`, 'give it once');
      ok = false;
      continue;
    }
    seen.add(key);
    const allowed = key === 'output' ? OUTPUT : HIDDEN;
    const value = option.value.kind === 'Name' ? option.value.name : undefined;
    if (value === undefined || !(allowed as readonly string[]).includes(value)) {
      reporter.report('E0803', option.value.span, `unknown ${key === 'output' ? 'output ' : ''}activation${value === undefined ? '' : ` '${value}'`}`, (value && didYouMean(value, allowed)) ?? `activations are ${allowed.join(', ')}`);
      ok = false;
      continue;
    }
    if (key === 'output') output = value as Activation;
    else activation = value as Activation;
  }
  return ok ? { architecture: 'mlp', widths: widths as number[], activation, output } : undefined;
}
