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

export function emitAst(program: Program): string {
  return JSON.stringify(program, replacer, 2) + '\n';
}

export function emitIr(graph: ModelGraph): string {
  return JSON.stringify(graph, replacer, 2) + '\n';
}
