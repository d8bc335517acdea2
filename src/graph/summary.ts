/** A one-paragraph text summary of a graph, for the CLI and test logs. */
import type { GraphNode, ModelGraph } from './ir.js';

function shape(s: readonly number[]): string {
  return s.length === 0 ? '' : `[${s.join(', ')}]`;
}

function describeNode(n: GraphNode): string {
  switch (n.kind) {
    case 'data': return `${n.name}${shape(n.type.shape)} ${n.role}`;
    case 'latent': return `${n.name} : ${n.type.kind}${n.type.kindArgs.length > 0 ? `(${n.type.kindArgs.join(', ')})` : ''}${shape(n.type.shape)} ${n.locality}`;
    case 'param': return `${n.name}${shape(n.type.shape)}${n.priorFactor === undefined ? '' : ' (MAP)'}`;
    case 'net': return `${n.name} ${n.widths.join('→')}`;
    case 'let': return `${n.name}${shape(n.expr.rowShape)}`;
    case 'factor': return `${n.density}(${n.targets.join(', ')}${n.given.length > 0 ? ` | ${n.given.join(', ')}` : ''}) = ${n.family}`;
  }
}

/**
 *   model eight_schools
 *     data:    y observed, sigma covariate
 *     latents: mu : real global, …
 *     factors: p(mu) = Normal, …
 *     guides:  mf (meanfield), fr (fullrank)
 */
export function graphSummary(graph: ModelGraph): string {
  const group = (kind: GraphNode['kind']) => graph.nodes.filter((n) => n.kind === kind).map(describeNode);
  const rows: [string, string[]][] = [
    ['data', group('data')],
    ['latents', group('latent')],
    ['params', group('param')],
    ['nets', group('net')],
    ['lets', group('let')],
    ['factors', group('factor')],
    ['guides', graph.guides.map((g) => `${g.name} (${g.kind === 'auto' ? g.strategy : `written: ${g.nodes.filter((n) => n.kind === 'factor').map(describeNode).join('; ')}`})`)],
  ];
  const lines = [`model ${graph.name}`];
  for (const [label, items] of rows) if (items.length > 0) lines.push(`  ${`${label}:`.padEnd(9)}${items.join(', ')}`);
  return lines.join('\n');
}
