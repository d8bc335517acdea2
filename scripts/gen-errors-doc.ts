/**
 * Writes docs/errors.md from the diagnostic catalogue (`src/lang/codes/`).
 * Run: `npx tsx scripts/gen-errors-doc.ts`. A test fails when the committed file is stale.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ALL_CODES } from '../src/lang/codes/index.js';
import type { CodeInfo } from '../src/lang/diagnostics.js';

export const ERRORS_DOC_PATH = fileURLToPath(new URL('../docs/errors.md', import.meta.url));

/** The text of docs/errors.md for a catalogue. */
export function renderErrorsDoc(codes: readonly CodeInfo[] = ALL_CODES): string {
  const sorted = [...codes].sort((a, b) => a.code.localeCompare(b.code));
  const lines = [
    '# Diagnostic codes',
    '',
    '<!-- Generated from src/lang/codes/ by `npx tsx scripts/gen-errors-doc.ts`; do not edit by hand. -->',
    '',
    'Every diagnostic the compiler reports has a stable code. Errors stop compilation; warnings do not.',
    'Internal compiler errors are not listed: they are bugs in vmodel, reported separately with exit code 2.',
    '',
    '| code | severity | stage | title |',
    '|---|---|---|---|',
    ...sorted.map((c) => `| [${c.code}](#${c.code.toLowerCase()}) | ${c.severity} | ${c.stage} | ${c.title} |`),
    '',
  ];
  for (const c of sorted) lines.push(`## ${c.code}`, '', `**${c.title}** (${c.severity}, ${c.stage})`, '', c.explanation, '');
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(ERRORS_DOC_PATH, renderErrorsDoc());
  console.log(`wrote ${ERRORS_DOC_PATH} (${ALL_CODES.length} codes)`);
}
