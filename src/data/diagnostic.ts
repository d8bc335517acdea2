/**
 * Data diagnostics are data, like compiler diagnostics: a stable code (catalogue in `codes.ts`),
 * the file, the 1-based row and the column a user would look at, a message and a hint.
 * A `DiagnosticSink` keeps the first `cap` of them and counts the rest, so that one bad
 * column of a 60,000-row file reports 20 problems and a total, not a million lines.
 */
import type { DataCode } from './codes.js';

export interface DataDiagnostic {
  readonly code: DataCode;
  readonly severity: 'error' | 'warning';
  readonly file: string;
  /** The 1-based data row (the header of a CSV file is not a row). */
  readonly row?: number;
  /** For text formats, the 1-based line of that row in the file. */
  readonly line?: number;
  /** The column as the user names it: `y`, `x[17]`, `W[1,2]`. */
  readonly column?: string;
  readonly message: string;
  readonly hint?: string;
}

/** Where a problem is: everything but the code, message and hint. */
export interface Location {
  readonly file: string;
  readonly row?: number;
  readonly line?: number;
  readonly column?: string;
}

export class DiagnosticSink {
  private readonly kept: DataDiagnostic[] = [];
  private omittedCount = 0;
  private errorCount = 0;

  constructor(private readonly cap: number) {}

  error(code: DataCode, at: Location, message: string, hint?: string): void {
    this.errorCount++;
    this.push({ code, severity: 'error', ...at, message, ...(hint !== undefined ? { hint } : {}) });
  }

  warning(code: DataCode, at: Location, message: string, hint?: string): void {
    this.push({ code, severity: 'warning', ...at, message, ...(hint !== undefined ? { hint } : {}) });
  }

  /** Count an error past the cap without building its message (hot loops over millions of values). */
  skipError(): void {
    this.errorCount++;
    this.omittedCount++;
  }

  /** Errors reported so far, including those beyond the cap. */
  get errors(): number {
    return this.errorCount;
  }

  /** True once the cap is reached: callers may stop scanning for more of the same problem. */
  get full(): boolean {
    return this.kept.length >= this.cap;
  }

  get diagnostics(): readonly DataDiagnostic[] {
    return this.kept;
  }

  /** How many diagnostics were counted but not kept. */
  get omitted(): number {
    return this.omittedCount;
  }

  private push(d: DataDiagnostic): void {
    if (this.kept.length < this.cap) this.kept.push(d);
    else this.omittedCount++;
  }
}
