import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { D, DATA_CODES, renderDataDiagnostics } from '../../src/data/index.js';

describe('data diagnostic catalogue', () => {
  it('has one entry per code, in order, D0001..', () => {
    expect(DATA_CODES.map((c) => c.code)).toEqual(Object.values(D));
    expect(DATA_CODES.map((c) => c.code)).toEqual(DATA_CODES.map((_, i) => `D${String(i + 1).padStart(4, '0')}`));
  });

  it('is listed in docs/data.md with the same severity and title', () => {
    const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'data.md'), 'utf8');
    const rows = new Map([...doc.matchAll(/^\| (D\d{4}) \| (error|warning) \| ([^|]+) \|/gm)].map((m) => [m[1], [m[2], m[3]!.trim()]]));
    expect([...rows.keys()]).toEqual(DATA_CODES.map((c) => c.code));
    for (const c of DATA_CODES) expect(rows.get(c.code)).toEqual([c.severity, c.title]);
  });

  it('renders a closing count of omitted problems', () => {
    const d = { code: D.empty, severity: 'error' as const, file: 'a.csv', message: 'the file is empty' };
    expect(renderDataDiagnostics([d], 1)).toBe('error[D0002]: a.csv: the file is empty\n... and 1 more data problem not shown');
    expect(renderDataDiagnostics([d])).toBe('error[D0002]: a.csv: the file is empty');
  });
});
