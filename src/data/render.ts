/**
 * The one printer for data diagnostics:
 *
 *   error[D0003]: models/data/x.csv, row 17 (line 18), column 'y': 0.5 is not a valid binary value (expected 0 or 1)
 *     = hint: binary data must be 0 or 1; ...
 */
import type { DataDiagnostic } from './diagnostic.js';

export function renderDataDiagnostic(d: DataDiagnostic): string {
  let where = d.file;
  if (d.row !== undefined) where += `, row ${d.row}${d.line !== undefined ? ` (line ${d.line})` : ''}`;
  else if (d.line !== undefined) where += `, line ${d.line}`;
  if (d.column !== undefined) where += `, column '${d.column}'`;
  const head = `${d.severity}[${d.code}]: ${where}: ${d.message}`;
  return d.hint !== undefined ? `${head}\n  = hint: ${d.hint}` : head;
}

/** All diagnostics, one block each, and a closing line when some were left out. */
export function renderDataDiagnostics(diagnostics: readonly DataDiagnostic[], omitted = 0): string {
  const blocks = diagnostics.map(renderDataDiagnostic);
  if (omitted > 0) blocks.push(`... and ${omitted} more data problem${omitted === 1 ? '' : 's'} not shown`);
  return blocks.join('\n');
}
