import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { CHECK_CODES } from '../../../src/lang/codes/check.js';
import { checkProgram } from '../../../src/lang/check/index.js';
import { compileSource } from '../../../src/lang/compile.js';
import { parseSource } from '../../../src/lang/parse.js';
import type { FactorDecl, Program } from '../../../src/lang/ast.js';

const golden = join(import.meta.dirname, '../golden/expected');

describe('the check-code catalogue', () => {
  it('uses the documented ranges, with unique codes', () => {
    const codes = CHECK_CODES.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of CHECK_CODES) {
      expect(c.code).toMatch(/^[EW]0[2-9]\d\d$/);
      expect(c.severity).toBe(c.code.startsWith('E') ? 'error' : 'warning');
      expect(c.title.length).toBeGreaterThan(0);
      expect(c.explanation.length).toBeGreaterThan(20);
    }
  });

  it('every code except the defensive E0603 is shown by a golden case', () => {
    const shown = new Set(
      readdirSync(golden)
        .filter((f) => /^1\d\d-/.test(f))
        .flatMap((f) => [...readFileSync(join(golden, f), 'utf8').matchAll(/^(?:error|warning)\[([EW]\d{4})\]/gm)].map((m) => m[1])),
    );
    const missing = CHECK_CODES.map((c) => c.code).filter((c) => c !== 'E0603' && !shown.has(c));
    expect(missing).toEqual([]);
  });

  it('E0603: a q factor outside a guide (the parser rejects it first; the checker still guards hand-built ASTs)', () => {
    const file = { path: 't.vmodel', text: 'model t\ndata y : real\np(y) = Normal(0, 1)\n' };
    const program = parseSource(file).program!;
    const factor = program.declarations[1] as FactorDecl;
    const mutated: Program = { ...program, declarations: [program.declarations[0]!, { ...factor, density: 'q' }] };
    const result = checkProgram(mutated, file);
    expect(result.diagnostics.map((d) => [d.code, d.message])).toEqual([['E0603', 'a q(…) factor outside a guide']]);
    expect(result.model).toBeUndefined();
  });
});

describe('tensor hygiene', () => {
  it('checking and lowering every model allocates no tensors', () => {
    const dir = join(import.meta.dirname, '../../../models');
    const before = tf.memory().numTensors;
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.vmodel'))) {
      expect(compileSource({ path: f, text: readFileSync(join(dir, f), 'utf8') }).graph).toBeDefined();
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
