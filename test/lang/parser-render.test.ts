import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/lang/diagnostics.js';
import { renderDiagnostic, renderDiagnostics } from '../../src/lang/render-diagnostic.js';
import type { SourceFile, Span } from '../../src/lang/span.js';

/** A span from 1-based line/column pairs of `text` (end exclusive). */
function span(text: string, from: [number, number], to: [number, number]): Span {
  const starts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index! + 1)];
  const off = ([l, c]: [number, number]) => starts[l - 1]! + c - 1;
  return { start: off(from), end: off(to), startLine: from[0], startColumn: from[1], endLine: to[0], endColumn: to[1] };
}

function diag(file: SourceFile, s: Span, extra: Partial<Diagnostic> = {}): Diagnostic {
  return { code: 'E0999', severity: 'error', file, span: s, message: 'something is wrong', hint: 'fix it', ...extra };
}

describe('renderDiagnostic', () => {
  const file = { path: 'models/bad.vmodel', text: 'model m\nlatent z : real\np(z) = Nrmal(0, 1)\n' };

  it('prints the code, position, source line, carets under the whole span, and the hint', () => {
    expect(renderDiagnostic(diag(file, span(file.text, [3, 8], [3, 13])))).toBe(
      [
        'error[E0999]: something is wrong',
        ' --> models/bad.vmodel:3:8',
        '  |',
        '3 | p(z) = Nrmal(0, 1)',
        '  |        ^^^^^',
        '  = hint: fix it',
      ].join('\n'),
    );
  });

  it('draws one caret for an empty span, and omits a missing hint', () => {
    const out = renderDiagnostic(diag(file, span(file.text, [2, 16], [2, 16]), { hint: undefined }));
    expect(out.split('\n').slice(3)).toEqual(['2 | latent z : real', '  |                ^']);
  });

  it('expands tabs so that carets stay under their characters', () => {
    const tabbed = { path: 't', text: 'p(z) =\tNormal(0,\t1)' };
    const lines = renderDiagnostic(diag(tabbed, span(tabbed.text, [1, 18], [1, 19]))).split('\n');
    expect(lines[3]).toBe('1 | p(z) =  Normal(0,   1)');
    expect(lines[4]!.indexOf('^')).toBe(lines[3]!.indexOf('1)'));
  });

  it('shows control characters in the source line as one replacement character each', () => {
    const text = 'let a = \u0001 K';
    const lines = renderDiagnostic(diag({ path: 't', text }, span(text, [1, 9], [1, 10]))).split('\n');
    expect(lines.slice(3, 5)).toEqual(['1 | let a = \uFFFD K', '  |         ^']);
  });

  it('underlines the first and last line of a multi-line span, eliding the middle', () => {
    const text = 'guide g {\n  a\n  b\n  c\n}\n';
    const lines = renderDiagnostic(diag({ path: 't', text }, span(text, [1, 9], [5, 2]))).split('\n');
    expect(lines.slice(3, 8)).toEqual(['1 | guide g {', '  |         ^', '...', '5 | }', '  | ^']);
  });

  it('shows related spans with their messages, with a wide enough gutter', () => {
    const text = 'a(\n' + '\n'.repeat(9) + 'b\n';
    const out = renderDiagnostic(
      diag({ path: 't', text }, span(text, [11, 2], [11, 2]), { related: [{ span: span(text, [1, 2], [1, 3]), message: "this '(' is not closed" }] }),
    );
    expect(out.split('\n').slice(2)).toEqual([
      '   |',
      " 1 | a(",
      "   |  - this '(' is not closed",
      '...',
      '11 | b',
      '   |  ^',
      '   = hint: fix it',
    ]);
  });

  it('handles CRLF sources and spans at the very end of the file', () => {
    const text = 'model m\r\np(z) =';
    const lines = renderDiagnostic(diag({ path: 't', text }, span(text.replace(/\r/g, ''), [2, 7], [2, 7]))).split('\n');
    expect(lines.slice(3, 5)).toEqual(['2 | p(z) =', '  |       ^']);
  });

  it('uses colours only when asked', () => {
    const d = diag(file, span(file.text, [3, 8], [3, 13]));
    expect(renderDiagnostic(d)).not.toContain('\x1b[');
    const coloured = renderDiagnostic(d, { color: true });
    expect(coloured).toContain('\x1b[1;31merror[E0999]\x1b[0m');
    expect(coloured.replace(/\x1b\[[0-9;]*m/g, '')).toBe(renderDiagnostic(d));
  });
});

describe('renderDiagnostics', () => {
  it('separates diagnostics by blank lines and counts them', () => {
    const file = { path: 't', text: 'x\n' };
    const s = span(file.text, [1, 1], [1, 2]);
    const out = renderDiagnostics([diag(file, s), diag(file, s, { severity: 'warning', code: 'W0999' }), diag(file, s)]);
    expect(out.endsWith('\n\n2 errors, 1 warning\n')).toBe(true);
    expect(out).toContain('warning[W0999]: something is wrong');
    expect(out.split('\n\n')).toHaveLength(4);
    expect(renderDiagnostics([])).toBe('');
  });
});
