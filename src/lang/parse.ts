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

const STRAY_TOKEN = 'E0102';
const UNCLOSED = 'E0110';
const CLOSER_OF: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };

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
 * All diagnostics in source order, minus follow-on noise: a statement (from its leading keyword
 * to the next one) containing a bad character keeps only its lexer errors, and a statement with a
 * syntax error keeps only its first one. Errors of the AST builder (which follow no recovery) are
 * kept otherwise, except a stray closing bracket after an unclosed one of its kind (the same
 * mistake). At equal positions parser errors come before the builder's.
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
  const withBadCharacters = new Set(lexical.map((d) => statementOf(d.span.start)));
  const broken = new Set<number>();
  // Closers owed by unclosed brackets: a later stray closer of that kind is the same mistake.
  const owed: string[] = [];
  const kept: Diagnostic[] = [...lexical];
  const rest = [...syntax.map((d) => ({ d, fromParser: true })), ...built.map((d) => ({ d, fromParser: false }))];
  rest.sort((a, b) => a.d.span.start - b.d.span.start || Number(b.fromParser) - Number(a.fromParser));
  for (const { d, fromParser } of rest) {
    const statement = statementOf(d.span.start);
    if (withBadCharacters.has(statement) || broken.has(statement)) continue;
    if (d.code === STRAY_TOKEN && owed.includes(d.file.text[d.span.start]!)) {
      owed.splice(owed.indexOf(d.file.text[d.span.start]!), 1);
      continue;
    }
    const opener = d.related?.[0] ? d.file.text[d.related[0].span.start] : undefined;
    if (d.code === UNCLOSED && opener && CLOSER_OF[opener]) owed.push(CLOSER_OF[opener]);
    if (fromParser) broken.add(statement);
    kept.push(d);
  }
  return kept.sort((a, b) => a.span.start - b.span.start);
}
