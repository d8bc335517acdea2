/**
 * The compiler driver: source → tokens → syntax tree → AST → checked model → graph IR.
 * Each stage returns its value plus diagnostics; the driver stops at the first stage with errors
 * and turns any unexpected exception into an `InternalError`.
 */
import type { Program } from './ast.js';
import { hasErrors, InternalError, type Diagnostic } from './diagnostics.js';
import type { SourceFile } from './span.js';
import { parseSource } from './parse.js';
import { checkProgram, type CheckedModel } from './check/index.js';
import { lowerToGraph } from '../graph/lower.js';
import type { ModelGraph } from '../graph/ir.js';

export type Stage = 'parse' | 'check' | 'graph';

export interface CompileResult {
  readonly program?: Program;
  readonly model?: CheckedModel;
  readonly graph?: ModelGraph;
  readonly diagnostics: readonly Diagnostic[];
}

export function compileSource(file: SourceFile, options: { stopAfter?: Stage } = {}): CompileResult {
  const stopAfter = options.stopAfter ?? 'graph';
  try {
    const parsed = parseSource(file);
    if (!parsed.program || hasErrors(parsed.diagnostics) || stopAfter === 'parse') {
      return { program: parsed.program, diagnostics: parsed.diagnostics };
    }
    const checked = checkProgram(parsed.program, file);
    const diagnostics = [...parsed.diagnostics, ...checked.diagnostics];
    if (!checked.model || hasErrors(diagnostics) || stopAfter === 'check') {
      return { program: parsed.program, model: checked.model, diagnostics };
    }
    const graph = lowerToGraph(checked.model);
    return { program: parsed.program, model: checked.model, graph, diagnostics };
  } catch (e) {
    if (e instanceof InternalError) throw e;
    throw new InternalError(`compiler crashed on ${file.path}: ${(e as Error).message}`, e);
  }
}
