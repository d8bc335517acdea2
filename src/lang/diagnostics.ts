/**
 * Diagnostics are data: a stable code, a severity, the file and span they point at, a message and
 * a hint on how to fix it. Every stage returns them next to its value; one renderer
 * (`render-diagnostic.ts`) prints them. Internal compiler faults are a different type
 * (`InternalError`) with a different exit code, never a user diagnostic.
 */
import type { SourceFile, Span } from './span.js';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  /** Stable code from the catalogue in `codes/` (e.g. `E0201`); documented in docs/errors.md. */
  readonly code: string;
  readonly severity: Severity;
  readonly file: SourceFile;
  readonly span: Span;
  readonly message: string;
  /** How to fix it, in one sentence. */
  readonly hint?: string;
  /** Secondary locations ("first declared here"). */
  readonly related?: readonly { readonly span: Span; readonly message: string }[];
}

/** A catalogue entry: what a code means, for docs/errors.md and `vmodel explain CODE`. */
export interface CodeInfo {
  readonly code: string;
  readonly severity: Severity;
  /** The stage that reports it: lex, parse, resolve, type, shape, support, factor, guide, ... */
  readonly stage: string;
  readonly title: string;
  readonly explanation: string;
}

/** A bug in vmodel itself, not in the user's program: reported differently and exits with code 2. */
export class InternalError extends Error {
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'InternalError';
  }
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
