/**
 * The front end up to the AST: source → tokens → syntax tree → AST, with diagnostics.
 *
 * Several syntax errors are reported at once, but at most one per statement: the statements are
 * delimited by their leading keywords, and after the first error in a statement the rest of it
 * usually only produces follow-on noise.
 */
import type { IToken } from 'chevrotain';
import type { Program } from './ast.js';
import { buildAst } from './ast-builder.js';
import { hasErrors, type Diagnostic } from './diagnostics.js';
import { tokenize } from './lexer.js';
import { parseTokens } from './parser.js';
import type { SourceFile } from './span.js';
import { syntaxDiagnostic } from './syntax-errors.js';
import { KEYWORD_TOKENS } from './tokens.js';

export interface ParseResult {
  /** Present only when the file has no syntax errors. */
  readonly program?: Program;
  readonly diagnostics: Diagnostic[];
}

export function parseSource(file: SourceFile): ParseResult {
  const lexed = tokenize(file);
  const parsed = parseTokens(lexed.tokens);
  const syntax = parsed.errors.map((e) => syntaxDiagnostic(e, { file, tokens: lexed.tokens }));
  const built = buildAst(parsed.cst, file);
  const diagnostics = withoutCascades(lexed.diagnostics, syntax, built.diagnostics, lexed.tokens);
  return hasErrors(diagnostics) ? { diagnostics } : { program: built.program, diagnostics };
}

/**
 * All diagnostics in source order, minus the follow-on noise of lexer and parser errors: after
 * one of those, the parser's and the AST builder's diagnostics are dropped up to the start of the
 * next statement (its leading keyword). Lexer errors are always kept: each is a distinct bad
 * character. At equal positions lexer errors come first, then parser errors, then the builder's.
 */
function withoutCascades(
  lexical: readonly Diagnostic[],
  syntax: readonly Diagnostic[],
  built: readonly Diagnostic[],
  tokens: readonly IToken[],
): Diagnostic[] {
  const starts = tokens.filter((t) => KEYWORD_TOKENS.includes(t.tokenType)).map((t) => t.startOffset);
  const statementOf = (offset: number) => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo; // the number of statement starts at or before `offset`
  };
  const tagged = [
    ...lexical.map((d) => ({ d, source: 0 })),
    ...syntax.map((d) => ({ d, source: 1 })),
    ...built.map((d) => ({ d, source: 2 })),
  ].sort((a, b) => a.d.span.start - b.d.span.start || a.source - b.source);
  const broken = new Set<number>();
  const kept: Diagnostic[] = [];
  for (const { d, source } of tagged) {
    const statement = statementOf(d.span.start);
    if (source !== 0 && broken.has(statement)) continue;
    if (source !== 2) broken.add(statement);
    kept.push(d);
  }
  return kept;
}
