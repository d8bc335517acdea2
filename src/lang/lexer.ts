/**
 * Source text → tokens. Unknown characters and malformed numbers become located diagnostics and
 * lexing continues, so the parser still sees the rest of the file.
 */
import type { ILexingError, IToken } from 'chevrotain';
import { Lexer } from './chevrotain.js';
import type { Diagnostic } from './diagnostics.js';
import type { SourceFile, Span } from './span.js';
import { ALL_TOKENS, NumberLiteral } from './tokens.js';

const lexer = new Lexer([...ALL_TOKENS], { ensureOptimizations: false, positionTracking: 'full' });

const VALID_NUMBER = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

export interface LexResult {
  readonly tokens: IToken[];
  readonly diagnostics: Diagnostic[];
}

export function tokenize(file: SourceFile): LexResult {
  const result = lexer.tokenize(file.text);
  const diagnostics = result.errors.map((e) => badCharacters(file, e));
  for (const token of result.tokens) {
    if (token.tokenType === NumberLiteral) {
      const problem = numberProblem(file, token);
      if (problem) diagnostics.push(problem);
    }
  }
  return { tokens: result.tokens, diagnostics };
}

/** The span of one token (tokens never contain a line break). */
export function tokenSpan(token: IToken): Span {
  const start = token.startOffset;
  const end = start + token.image.length;
  const line = token.startLine ?? 1;
  const column = token.startColumn ?? 1;
  return { start, end, startLine: line, startColumn: column, endLine: line, endColumn: column + token.image.length };
}

/** A zero-width span just after `token`: where something missing should have been. */
export function spanAfter(token: IToken): Span {
  const s = tokenSpan(token);
  return { ...s, start: s.end, startLine: s.endLine, startColumn: s.endColumn };
}

/** A zero-width span at the end of the file (for an empty file: line 1, column 1). */
export function endOfFileSpan(text: string): Span {
  const lines = text.split(/\r\n|\r|\n/);
  const line = lines.length;
  const column = lines[line - 1]!.length + 1;
  return { start: text.length, end: text.length, startLine: line, startColumn: column, endLine: line, endColumn: column };
}

/** Hints for characters people commonly type from other languages. */
const CHARACTER_HINTS: Readonly<Record<string, string>> = {
  '~': 'factors are written as densities: `p(z) = Normal(0, 1)`, not `z ~ Normal(0, 1)`',
  ';': 'statements need no terminator; start the next one on a new line',
  '"': 'the language has no strings',
  "'": 'the language has no strings',
  '.': 'there is no member access; a number needs a digit before or after its point (`0.5`)',
  '−': "this is a Unicode minus sign; type '-'",
  '×': "this is a Unicode multiplication sign; type '*' (or '@' for a matrix product)",
  '·': "type '*' for a product or '@' for a matrix product",
  '<': "comparisons are not part of the language; a network's layers are joined with '->'",
  '>': "comparisons are not part of the language; a network's layers are joined with '->'",
};

/** Control, format and separator characters other than the plain space. */
const INVISIBLE = /[\p{C}\p{Z}]/u;

function codePoint(c: string): string {
  return `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

function badCharacters(file: SourceFile, error: ILexingError): Diagnostic {
  const text = file.text.slice(error.offset, error.offset + error.length);
  const column = error.column ?? 1;
  const line = error.line ?? 1;
  const span: Span = {
    start: error.offset,
    end: error.offset + error.length,
    startLine: line,
    startColumn: column,
    endLine: line,
    endColumn: column + error.length,
  };
  const chars = Array.from(text);
  const first = chars[0] ?? '';
  const invisible = chars.some((c) => INVISIBLE.test(c));
  const hint =
    CHARACTER_HINTS[first] ??
    (invisible
      ? 'an invisible or control character, often pasted from a document; delete it or type a plain space'
      : /[^\x00-\x7f]/.test(first)
        ? 'names use ASCII letters, digits and `_` (write `mu`, not `μ`)'
        : 'remove it; see docs/language.md for the characters the language uses');
  // Invisible characters are shown as code points, so that the message says what is there.
  const shownText = invisible ? chars.map(codePoint).join(' ') : `'${text}'`;
  const shown = `${chars.length === 1 ? 'character' : 'characters'} ${shownText}`;
  return { code: 'E0001', severity: 'error', file, span, message: `unexpected ${shown}`, hint };
}

function numberProblem(file: SourceFile, token: IToken): Diagnostic | undefined {
  const image = token.image;
  const span = tokenSpan(token);
  if (!VALID_NUMBER.test(image)) {
    const hint = /^[\d.]+[eE][+-]?$/.test(image)
      ? 'an exponent needs digits, e.g. `1e-3`'
      : /^\d+(?:\.\d*)?[A-Za-z_]/.test(image)
        ? 'a name cannot start with a digit, and a product needs `*` (write `2*K`)'
        : 'a number has at most one decimal point, e.g. `0.25`';
    return { code: 'E0002', severity: 'error', file, span, message: `malformed number '${image}'`, hint };
  }
  if (!Number.isFinite(Number(image))) {
    return {
      code: 'E0003',
      severity: 'error',
      file,
      span,
      message: `number '${image}' is too large to represent`,
      hint: 'numbers are 64-bit floats; their magnitude must stay below about 1.8e308',
    };
  }
  return undefined;
}
