/**
 * `--emit ast` and `--emit ir`: the AST or the graph IR as indented JSON. Spans are written
 * compactly as `"line:col-line:col"` so the dumps stay readable and diffable.
 */
import type { Program } from '../lang/ast.js';
import type { Span } from '../lang/span.js';
import type { ModelGraph } from './ir.js';

function isSpan(v: unknown): v is Span {
  return typeof v === 'object' && v !== null && 'startLine' in v && 'endColumn' in v && 'start' in v;
}

/** `3:5-3:12` for a span. */
export function formatSpan(s: Span): string {
  return `${s.startLine}:${s.startColumn}-${s.endLine}:${s.endColumn}`;
}

function replacer(_key: string, value: unknown): unknown {
  return isSpan(value) ? formatSpan(value) : value;
}

/** Indented JSON with arrays of plain values kept on one line (`"shape": [64, 2]`). */
function stringify(value: unknown): string {
  return format(JSON.parse(JSON.stringify(value, replacer)), '') + '\n';
}

function format(v: unknown, indent: string): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  const inner = indent + '  ';
  if (Array.isArray(v)) {
    if (v.every((x) => x === null || typeof x !== 'object')) return `[${v.map((x) => JSON.stringify(x)).join(', ')}]`;
    return `[\n${v.map((x) => inner + format(x, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(v);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${format(x, inner)}`).join(',\n')}\n${indent}}`;
}

/** The AST as JSON, for `--emit ast`. */
export function emitAst(program: Program): string {
  return stringify(program);
}

/** The graph as JSON, for `--emit ir`. */
export function emitIr(graph: ModelGraph): string {
  return stringify(graph);
}
