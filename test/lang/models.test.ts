import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileSource } from '../../src/lang/compile.js';
import { renderDiagnostic } from '../../src/lang/render-diagnostic.js';
import { graphSummary } from '../../src/graph/index.js';

const dir = join(import.meta.dirname, '../../models');
const files = readdirSync(dir).filter((f) => f.endsWith('.vmodel')).sort();

describe('every model in models/ compiles', () => {
  it('summarizes a graph', () => {
    const text = readFileSync(join(dir, 'eight_schools.vmodel'), 'utf8');
    expect(graphSummary(compileSource({ path: 'e.vmodel', text }).graph!)).toBe(
      [
        'model eight_schools',
        '  data:    y observed, sigma covariate',
        '  latents: mu : real global, tau : positive global, eta : real local',
        '  lets:    theta',
        '  factors: p(mu) = Normal, p(tau) = HalfCauchy, p(eta) = Normal, p(y | theta) = Normal',
        '  guides:  mf (meanfield), fr (fullrank)',
      ].join('\n'),
    );
  });
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
      console.log(graphSummary(result.graph!));
    });
  }
});
