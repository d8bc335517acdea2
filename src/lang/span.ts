/** A source file and positions within it: what every diagnostic points at. */

export interface SourceFile {
  /** The path as the user gave it (shown in messages). */
  readonly path: string;
  readonly text: string;
}

/** A half-open range of characters, with 1-based line and column of both ends for rendering. */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** The smallest span covering both arguments. */
export function joinSpans(a: Span, b: Span): Span {
  const first = a.start <= b.start ? a : b;
  const last = a.end >= b.end ? a : b;
  return {
    start: first.start,
    startLine: first.startLine,
    startColumn: first.startColumn,
    end: last.end,
    endLine: last.endLine,
    endColumn: last.endColumn,
  };
}
