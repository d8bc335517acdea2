/**
 * The conformance table: every row of reference.json whose family is registered, with a builder.
 * Rows for families added by tests themselves (Kumaraswamy, the logit-normal) are used there.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getFamily, type Distribution, type FamilySpec } from '../../src/distributions/index.js';
import { build, type ReferenceRow } from './conformance.js';

const file = fileURLToPath(new URL('./reference/reference.json', import.meta.url));
export const referenceRows: readonly ReferenceRow[] = JSON.parse(readFileSync(file, 'utf8')).cases;

export interface TableCase {
  readonly row: ReferenceRow;
  readonly spec: FamilySpec;
  readonly make: () => Distribution;
}

export const builtinCases: readonly TableCase[] = referenceRows.flatMap((row) => {
  const spec = getFamily(row.family);
  return spec ? [{ row, spec, make: () => build(spec, row.params) }] : [];
});

export function referenceRow(id: string): ReferenceRow {
  const row = referenceRows.find((r) => r.id === id);
  if (!row) throw new Error(`no reference row '${id}'`);
  return row;
}
