/**
 * Semantic fuzzing: in every example model, replace one identifier occurrence by another name of
 * the same file (or a number). The result usually parses, so it reaches the checker and lowering;
 * none may throw, and every diagnostic must point inside the file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileSource } from '../../../src/lang/compile.js';

const dir = join(import.meta.dirname, '../../../models');
const MUTANTS_PER_MODEL = 60;

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('swapping names never crashes the checker', () => {
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.vmodel')).sort()) {
    it(f, () => {
      const text = readFileSync(join(dir, f), 'utf8').replace(/#.*$/gm, '');
      const idents = [...text.matchAll(/\b[A-Za-z_][A-Za-z0-9_]*\b/g)].map((m) => ({ name: m[0], at: m.index! }));
      const names = [...new Set(idents.map((i) => i.name)), '0', '2.5', '-1'];
      const u = lcg(f.length * 7919);
      let reachedChecker = 0;
      for (let i = 0; i < MUTANTS_PER_MODEL; i++) {
        const victim = idents[Math.floor(u() * idents.length)]!;
        const replacement = names[Math.floor(u() * names.length)]!;
        const mutated = text.slice(0, victim.at) + replacement + text.slice(victim.at + victim.name.length);
        const result = compileSource({ path: f, text: mutated });
        if (result.program !== undefined) reachedChecker++;
        for (const d of result.diagnostics) {
          expect(d.span.start).toBeGreaterThanOrEqual(0);
          expect(d.span.end).toBeLessThanOrEqual(mutated.length);
          expect(d.message.length).toBeGreaterThan(0);
        }
      }
      expect(reachedChecker).toBeGreaterThan(MUTANTS_PER_MODEL / 4);
    });
  }
});
