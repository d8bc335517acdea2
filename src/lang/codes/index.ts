/**
 * The catalogue of diagnostic codes: every code any stage reports, with a title and an
 * explanation. `docs/errors.md` is generated from it (`npx tsx scripts/gen-errors-doc.ts`).
 */
import type { CodeInfo } from '../diagnostics.js';
import { CHECK_CODES } from './check.js';
import { SYNTAX_CODES } from './syntax.js';

export const ALL_CODES: readonly CodeInfo[] = [...SYNTAX_CODES, ...CHECK_CODES];

/** The catalogue entry of a code, if it exists. */
export function codeInfo(code: string): CodeInfo | undefined {
  return ALL_CODES.find((c) => c.code === code);
}
