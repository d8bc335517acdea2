/**
 * The model as a plate diagram in Graphviz DOT: latents as circles, observed data shaded,
 * covariates lightly shaded, params as small squares, networks as diamonds, lets dashed; the
 * per-row nodes sit in a plate labelled N (the data rows). Edges follow the model's p factors:
 * each factor's target receives an edge from every node its arguments read, and each let from
 * the nodes it reads. A written guide can be overlaid as dashed edges into the latents.
 */
import { directRefs } from '../lang/check/index.js';
import type { GraphNode, ModelGraph } from './ir.js';

const quote = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

function isLocal(n: GraphNode): boolean {
  if (n.kind === 'data') return true;
  if (n.kind === 'latent' || n.kind === 'param') return n.locality === 'local';
  if (n.kind === 'let') return n.expr.locality === 'local';
  return false;
}

function nodeStyle(n: GraphNode): string | undefined {
  switch (n.kind) {
    case 'latent': return `shape=circle, label=${quote(n.name)}`;
    case 'data':
      return n.role === 'observed'
        ? `shape=circle, style=filled, fillcolor=gray70, label=${quote(n.name)}`
        : `shape=circle, style=filled, fillcolor=gray92, label=${quote(n.name)}`;
    case 'param': return `shape=square, width=0.3, height=0.3, fixedsize=true, style=filled, fillcolor=black, xlabel=${quote(n.name)}, label=""`;
    case 'net': return `shape=diamond, label=${quote(n.name)}, fontsize=10`;
    case 'let': return `shape=ellipse, style=dashed, label=${quote(n.name)}`;
    case 'factor': return undefined;
  }
}

export interface DotOptions {
  /** Also draw this written guide's dependencies as dashed edges (the inference network: x ⇢ z). */
  readonly guide?: string;
}

/** Graphviz DOT text for the model's plate diagram. */
export function toDot(graph: ModelGraph, options: DotOptions = {}): string {
  const lines = [`digraph ${quote(graph.name)} {`, '  rankdir=TB;', '  node [fontname="Helvetica"];', '  edge [arrowsize=0.7];'];
  const drawn = graph.nodes.filter((n) => n.kind !== 'factor');
  const line = (n: GraphNode, indent: string): string => `${indent}${quote(n.id)} [${nodeStyle(n)}];`;
  for (const n of drawn.filter((x) => !isLocal(x))) lines.push(line(n, '  '));
  const local = drawn.filter(isLocal);
  if (local.length > 0) {
    lines.push('  subgraph cluster_rows {', '    label="N";', '    labeljust=r;', '    labelloc=b;', '    style=rounded;');
    for (const n of local) lines.push(line(n, '    '));
    lines.push('  }');
  }
  const edges = new Set<string>();
  const shown = new Set(drawn.map((n) => n.id));
  const edge = (from: string, to: string): void => {
    if (from !== to && shown.has(from) && shown.has(to)) edges.add(`  ${quote(from)} -> ${quote(to)};`);
  };
  for (const n of graph.nodes) {
    if (n.kind === 'let') for (const r of directRefs(n.expr)) edge(r, n.id);
    if (n.kind === 'factor') {
      const reads = Object.values(n.args).flatMap(directRefs);
      for (const t of n.targets) for (const r of reads) edge(r, t);
    }
  }
  const guide = graph.guides.find((g) => g.name === options.guide);
  if (guide?.kind === 'written') {
    for (const n of guide.nodes) {
      if (n.kind !== 'factor') continue;
      const reads = new Set([...n.dependsOn, ...Object.values(n.args).flatMap(directRefs)]);
      for (const t of n.targets) {
        for (const r of reads) if (r !== t && shown.has(r)) edges.add(`  ${quote(r)} -> ${quote(t)} [style=dashed, constraint=false];`);
      }
    }
  }
  lines.push(...edges, '}');
  return lines.join('\n') + '\n';
}
