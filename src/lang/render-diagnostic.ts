/**
 * The one printer of diagnostics: a header with the code and message, the file position, the
 * source lines with the span underlined, and the hint.
 *
 *   error[E0107]: expected a distribution after '=', found keyword 'guide'
 *    --> models/bad.vmodel:5:7
 *     |
 *   5 | p(z) =
 *     |       ^
 *     = hint: write the distribution of z, e.g. `p(z) = Normal(0, 1)`
 *
 * The primary span is underlined with `^`, related spans ("opened here") with `-` and their
 * message. Tabs are expanded so that carets line up (control characters are shown as `�`); spans over several lines underline the
 * covered part of their first and last line. Colours are off unless asked for.
 */
import type { Diagnostic } from './diagnostics.js';
import type { Span } from './span.js';

export interface RenderOptions {
  /** ANSI colours, for terminals. Never used in golden files. */
  readonly color?: boolean;
  /** Columns per tab stop when expanding tabs (default 4). */
  readonly tabWidth?: number;
}

interface Mark {
  readonly line: number;
  /** 1-based columns of the source line, end exclusive. */
  readonly from: number;
  readonly to: number;
  readonly primary: boolean;
  readonly label?: string;
}

const STYLE = {
  error: '\x1b[1;31m',
  warning: '\x1b[1;33m',
  gutter: '\x1b[1;34m',
  bold: '\x1b[1m',
  reset: '\x1b[0m',
};

export function renderDiagnostic(d: Diagnostic, options: RenderOptions = {}): string {
  const paint = (style: string, text: string) => (options.color ? `${style}${text}${STYLE.reset}` : text);
  const tabWidth = options.tabWidth ?? 4;
  const lines = d.file.text.split(/\r\n|\r|\n/);
  const marks = [...spanMarks(d.span, lines, true), ...(d.related ?? []).flatMap((r) => spanMarks(r.span, lines, false, r.message))];
  const shown = [...new Set(marks.map((m) => m.line))].sort((a, b) => a - b);
  const width = String(shown[shown.length - 1] ?? d.span.startLine).length;
  const pad = ' '.repeat(width);
  const bar = paint(STYLE.gutter, `${pad} |`);

  const out = [
    `${paint(d.severity === 'error' ? STYLE.error : STYLE.warning, `${d.severity}[${d.code}]`)}${paint(STYLE.bold, `: ${d.message}`)}`,
    `${pad}${paint(STYLE.gutter, '-->')} ${d.file.path}:${d.span.startLine}:${d.span.startColumn}`,
    bar,
  ];
  shown.forEach((line, i) => {
    if (i > 0 && line > shown[i - 1]! + 1) out.push(paint(STYLE.gutter, '...'));
    const source = lines[line - 1] ?? '';
    out.push(`${paint(STYLE.gutter, `${String(line).padStart(width)} |`)} ${expandTabs(source, tabWidth)}`.trimEnd());
    for (const m of marks.filter((k) => k.line === line).sort((a, b) => a.from - b.from)) {
      const start = visualColumn(source, m.from, tabWidth);
      const end = Math.max(visualColumn(source, m.to, tabWidth), start + 1);
      const underline = (m.primary ? '^' : '-').repeat(end - start) + (m.label ? ` ${m.label}` : '');
      out.push(`${bar} ${' '.repeat(start - 1)}${paint(m.primary ? STYLE.error : STYLE.gutter, underline)}`);
    }
  });
  if (d.hint) out.push(`${pad} ${paint(STYLE.gutter, '=')} ${paint(STYLE.bold, 'hint')}: ${d.hint}`);
  return out.join('\n');
}

/** Several diagnostics, separated by blank lines, followed by a count of errors and warnings. */
export function renderDiagnostics(diagnostics: readonly Diagnostic[], options: RenderOptions = {}): string {
  if (diagnostics.length === 0) return '';
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  const summary = [errors > 0 ? count(errors, 'error') : '', warnings > 0 ? count(warnings, 'warning') : ''].filter(Boolean).join(', ');
  return [...diagnostics.map((d) => renderDiagnostic(d, options)), summary].join('\n\n') + '\n';
}

/** The marks of one span: one per line for a single-line span, the first and last line otherwise. */
function spanMarks(span: Span, lines: readonly string[], primary: boolean, label?: string): Mark[] {
  if (span.endLine <= span.startLine) {
    return [{ line: span.startLine, from: span.startColumn, to: Math.max(span.endColumn, span.startColumn), primary, label }];
  }
  const firstLength = (lines[span.startLine - 1] ?? '').length;
  const lastLine = lines[span.endLine - 1] ?? '';
  const indent = lastLine.length - lastLine.trimStart().length;
  return [
    { line: span.startLine, from: span.startColumn, to: Math.max(firstLength + 1, span.startColumn + 1), primary },
    { line: span.endLine, from: Math.min(indent + 1, span.endColumn), to: span.endColumn, primary, label },
  ];
}

/** The display column (1-based) of the character at `column` (1-based, UTF-16 units). */
function visualColumn(source: string, column: number, tabWidth: number): number {
  const prefix = source.slice(0, Math.max(0, column - 1));
  let width = 0;
  for (const ch of prefix) width = ch === '\t' ? width + tabWidth - (width % tabWidth) : width + 1;
  // Columns past the end of the line (a missing token at the end) keep their distance.
  return width + 1 + Math.max(0, column - 1 - source.length);
}

/** The source line as displayed: tabs expanded, other control characters shown as `�`. */
function expandTabs(source: string, tabWidth: number): string {
  let out = '';
  let width = 0;
  for (const ch of source) {
    const w = ch === '\t' ? tabWidth - (width % tabWidth) : 1;
    out += ch === '\t' ? ' '.repeat(w) : /\p{Cc}/u.test(ch) ? '\uFFFD' : ch;
    width += w;
  }
  return out;
}
