/**
 * Collects the checker's diagnostics. Severity and the meaning of each code come from the
 * catalogue (`codes/check.ts`), so a code used here is always documented.
 */
import { CHECK_CODES } from '../codes/check.js';
import { InternalError, type Diagnostic } from '../diagnostics.js';
import type { SourceFile, Span } from '../span.js';

const SEVERITY = new Map(CHECK_CODES.map((c) => [c.code, c.severity]));

export interface Related {
  readonly span: Span;
  readonly message: string;
}

/** One per check; `report` looks the code up in the catalogue for its severity. */
export class Reporter {
  readonly diagnostics: Diagnostic[] = [];

  constructor(readonly file: SourceFile) {}

  report(code: string, span: Span, message: string, hint?: string, related?: readonly Related[]): void {
    const severity = SEVERITY.get(code);
    if (severity === undefined) throw new InternalError(`checker used uncatalogued code ${code}`);
    this.diagnostics.push({
      code,
      severity,
      file: this.file,
      span,
      message,
      ...(hint === undefined ? {} : { hint }),
      ...(related === undefined || related.length === 0 ? {} : { related }),
    });
  }

  /** The diagnostics in source order (stable for equal positions). */
  sorted(): Diagnostic[] {
    return [...this.diagnostics].sort((a, b) => a.span.start - b.span.start);
  }
}
