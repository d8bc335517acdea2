/** The diagnostic catalogue: well-formed unique codes, every syntax code used and documented. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERRORS_DOC_PATH, renderErrorsDoc } from '../../scripts/gen-errors-doc.js';
import { ALL_CODES, codeInfo } from '../../src/lang/codes/index.js';
import { SYNTAX_CODES } from '../../src/lang/codes/syntax.js';

const here = dirname(fileURLToPath(import.meta.url));
const FRONT_END = ['lexer.ts', 'syntax-errors.ts', 'ast-builder.ts'].map((f) => join(here, '../../src/lang', f));

describe('diagnostic catalogue', () => {
  it('has unique, well-formed codes with a title and an explanation', () => {
    const codes = ALL_CODES.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of ALL_CODES) {
      expect(c.code).toMatch(/^[EW]\d{4}$/);
      expect(c.code.startsWith('W')).toBe(c.severity === 'warning');
      expect(c.title.length).toBeGreaterThan(3);
      expect(c.explanation.length).toBeGreaterThan(10);
    }
  });

  it('keeps syntax codes in the lexer (E00xx) and parser (E01xx) ranges', () => {
    for (const c of SYNTAX_CODES) expect(c.code).toMatch(c.stage === 'lex' ? /^E00\d\d$/ : /^E01\d\d$/);
    expect(codeInfo('E0107')?.title).toBe('expected a distribution');
    expect(codeInfo('E9999')).toBeUndefined();
  });

  it('lists every code the front end reports, and reports every listed syntax code', () => {
    const source = FRONT_END.map((f) => readFileSync(f, 'utf8')).join('\n');
    const used = new Set([...source.matchAll(/'(E0\d{3})'/g)].map((m) => m[1]!));
    expect([...used].filter((c) => !codeInfo(c)), 'reported but not catalogued').toEqual([]);
    expect(SYNTAX_CODES.map((c) => c.code).filter((c) => !used.has(c)), 'catalogued but never reported').toEqual([]);
  });

  it('exercises every specific syntax code in a golden case', () => {
    const expected = join(here, 'golden/expected');
    const text = readdirSync(expected).map((f) => readFileSync(join(expected, f), 'utf8')).join('\n');
    const untested = SYNTAX_CODES.map((c) => c.code).filter((c) => c !== 'E0199' && !text.includes(`error[${c}]`));
    expect(untested).toEqual([]);
  });

  it('docs/errors.md is generated from the catalogue and up to date', () => {
    // Regenerate with: npx tsx scripts/gen-errors-doc.ts
    expect(readFileSync(ERRORS_DOC_PATH, 'utf8')).toBe(renderErrorsDoc());
  });
});
