/**
 * Golden tests of the rendered diagnostics: each `golden/cases/NNN-name.vmodel` is compiled through
 * the whole front end and its rendered diagnostics must equal `golden/expected/NNN-name.txt`.
 * Numbering: 001-099 syntax (parser), 100-199 semantics (checker).
 *
 * Regenerate after an intended change: `UPDATE_GOLDEN=1 npx vitest run test/lang/golden.test.ts`,
 * or only your own range, e.g. `... -t 'golden diagnostics 0'` (syntax) or `-t 'golden diagnostics 1'`.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileSource } from '../../src/lang/compile.js';
import { renderDiagnostics } from '../../src/lang/render-diagnostic.js';

const root = join(dirname(fileURLToPath(import.meta.url)), 'golden');
const casesDir = join(root, 'cases');
const expectedDir = join(root, 'expected');
const update = process.env.UPDATE_GOLDEN === '1';

const cases = readdirSync(casesDir).filter((f) => f.endsWith('.vmodel')).sort();
const stem = (f: string) => f.replace(/\.(vmodel|txt)$/, '');

describe('golden diagnostics', () => {
  it('has a numbered case for every expected file and no orphans', () => {
    for (const f of cases) expect(f, 'cases are named NNN-short-name.vmodel').toMatch(/^\d{3}-[a-z0-9-]+\.vmodel$/);
    const stems = new Set(cases.map(stem));
    const orphans = readdirSync(expectedDir).filter((f) => !stems.has(stem(f)));
    if (update) for (const f of orphans) rmSync(join(expectedDir, f));
    else expect(orphans, 'expected files without a case').toEqual([]);
  });

  it.each(cases)('%s', (name) => {
    const text = readFileSync(join(casesDir, name), 'utf8');
    const result = compileSource({ path: name, text });
    expect(result.diagnostics.length, 'a golden case is a malformed program').toBeGreaterThan(0);
    const rendered = renderDiagnostics(result.diagnostics);
    const expectedPath = join(expectedDir, `${stem(name)}.txt`);
    if (update) writeFileSync(expectedPath, rendered);
    else {
      expect(existsSync(expectedPath), `missing ${expectedPath}; run with UPDATE_GOLDEN=1`).toBe(true);
      expect(rendered).toBe(readFileSync(expectedPath, 'utf8'));
    }
  });
});
