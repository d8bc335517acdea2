/**
 * Naming what went non-finite: when a step's objective or gradient is NaN or infinite, the
 * message says which model or guide sites had non-finite log-densities (with their source
 * locations) and which parameters got non-finite gradients.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelGraph } from '../../graph/ir.js';

export class NonFiniteError extends Error {
  constructor(message: string, readonly diagnosis: string) {
    super(message);
    this.name = 'NonFiniteError';
  }
}

/**
 * `values` holds the objective followed by one total per site (log p + log q), in `siteNames`
 * order, as recorded during the failing step.
 */
export function diagnoseNonFinite(
  graph: ModelGraph,
  siteNames: readonly string[],
  values: ArrayLike<number>,
  grads: tf.NamedTensorMap,
  logicalName: (variable: string) => string,
): string {
  const lines: string[] = [];
  const badSites = siteNames.filter((_, i) => !Number.isFinite(values[i + 1]!));
  if (badSites.length > 0) {
    lines.push('non-finite log-density at:');
    for (const name of badSites) lines.push(`  ${name}${locate(graph, name)}: ${values[siteNames.indexOf(name) + 1]}`);
  } else if (!Number.isFinite(values[0]!)) {
    lines.push(`the objective is ${values[0]} although every site is finite (overflow in the objective's combination of terms)`);
  }
  const badGrads = tf.tidy(() =>
    Object.entries(grads)
      .filter(([, g]) => !tf.all(tf.isFinite(g)).dataSync()[0])
      .map(([name]) => name),
  );
  if (badGrads.length > 0) lines.push(`non-finite gradient for: ${badGrads.map((name) => displayName(logicalName(name))).join(', ')}`);
  if (lines.length === 0) lines.push('the gradient norm overflowed (every gradient is finite, their squared sum is not): try --clip');
  return lines.join('\n');
}

/** ` (file:line:col)` of the factor or data node a site is named after. */
function locate(graph: ModelGraph, site: string): string {
  const node = graph.nodes.find((n) => n.kind === 'factor' && n.targets.includes(site)) ?? graph.nodes.find((n) => 'name' in n && n.name === site);
  return node ? ` (${graph.source}:${node.span.startLine}:${node.span.startColumn})` : '';
}

/** `param/mu` → `mu`, `net/decoder/0/w` → `decoder (layer 0 weights)`: the names users wrote. */
function displayName(variable: string): string {
  const net = /^net\/(.+)\/(\d+)\/([wb])$/.exec(variable);
  if (net) return `${net[1]} (layer ${net[2]} ${net[3] === 'w' ? 'weights' : 'bias'})`;
  return variable.replace(/^(param|local)\//, '');
}
