import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileSource } from '../../src/lang/compile.js';
import { renderDiagnostic } from '../../src/lang/render-diagnostic.js';

const dir = join(import.meta.dirname, '../../models');
const files = readdirSync(dir).filter((f) => f.endsWith('.vmodel')).sort();

describe('every model in models/ compiles', () => {
  it('finds the models', () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
  });
  for (const f of files) {
    it(f, () => {
      const path = `models/${f}`;
      const result = compileSource({ path, text: readFileSync(join(dir, f), 'utf8') });
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      expect(errors.map((d) => renderDiagnostic(d)).join('\n')).toBe('');
      expect(result.graph).toBeDefined();
    });
  }
});
