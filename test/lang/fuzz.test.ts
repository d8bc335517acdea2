/**
 * Fuzz test: thousands of seeded random mutations of the shipped models (deleted, duplicated,
 * swapped and replaced tokens, random bytes, truncation) go through the whole front end. None may
 * throw (an InternalError or anything else), every diagnostic must point inside the file with a
 * catalogued code, and the renderer must print it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ALL_CODES } from '../../src/lang/codes/index.js';
import { compileSource } from '../../src/lang/compile.js';
import type { Diagnostic } from '../../src/lang/diagnostics.js';
import { tokenize } from '../../src/lang/lexer.js';
import { renderDiagnostics } from '../../src/lang/render-diagnostic.js';

const modelsDir = join(dirname(fileURLToPath(import.meta.url)), '../../models');
const models = readdirSync(modelsDir).filter((f) => f.endsWith('.vmodel')).sort();
/** Mutants per model (8 models × 260 ≥ 2000 per run); raise FUZZ_MUTANTS for a deeper local run. */
const MUTANTS_PER_MODEL = Number(process.env.FUZZ_MUTANTS ?? 260);
const KNOWN_CODES = new Set(ALL_CODES.map((c) => c.code));

/** mulberry32: a small seeded generator, so that every run tries the same mutants. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STRAY = ['$', '~', ';', '"', '\t', '\n', '\r', '\0', 'μ', '−', '(', ')', '[', ']', '{', '}', '|', '->', ':', '=', ',', '1e', '.', '..', '9'.repeat(400), '\u{1F600}', 'p', 'q', 'model', 'guide', 'infer'];

/** One random edit of `text`, using the token boundaries of the original model. */
function mutate(text: string, random: () => number): string {
  const tokens = tokenize({ path: 'fuzz', text }).tokens;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  if (tokens.length === 0) return text + pick(STRAY);
  const t = pick(tokens);
  const [start, end] = [t.startOffset, t.startOffset + t.image.length];
  switch (Math.floor(random() * 6)) {
    case 0: // delete a token
      return text.slice(0, start) + text.slice(end);
    case 1: // duplicate a token
      return text.slice(0, end) + ' ' + t.image + text.slice(end);
    case 2: {
      // swap two tokens
      const u = pick(tokens);
      if (u === t) return text;
      const [a, b] = t.startOffset < u.startOffset ? [t, u] : [u, t];
      const aEnd = a.startOffset + a.image.length;
      return text.slice(0, a.startOffset) + b.image + text.slice(aEnd, b.startOffset) + a.image + text.slice(b.startOffset + b.image.length);
    }
    case 3: // replace a token by another one from the file
      return text.slice(0, start) + pick(tokens).image + text.slice(end);
    case 4: {
      // insert random characters at a random offset
      const at = Math.floor(random() * (text.length + 1));
      const junk = random() < 0.5 ? pick(STRAY) : String.fromCharCode(Math.floor(random() * 0x3000));
      return text.slice(0, at) + junk + text.slice(at);
    }
    default: // truncate
      return text.slice(0, Math.floor(random() * text.length));
  }
}

/** The 1-based line and column of `offset`, counting line breaks as the lexer does. */
function position(text: string, offset: number): [number, number] {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) {
      line++;
      lineStart = i + 1;
    }
  }
  return [line, offset - lineStart + 1];
}

/** Why a diagnostic is malformed, or undefined if it is fine. */
function problem(d: Diagnostic, text: string): string | undefined {
  const { span } = d;
  if (!(span.start >= 0 && span.start <= span.end && span.end <= text.length)) return `span [${span.start}, ${span.end}) outside the file`;
  if (position(text, span.start).join(':') !== `${span.startLine}:${span.startColumn}`) return `start ${span.startLine}:${span.startColumn} does not match offset ${span.start}`;
  if (position(text, span.end).join(':') !== `${span.endLine}:${span.endColumn}`) return `end ${span.endLine}:${span.endColumn} does not match offset ${span.end}`;
  if (!KNOWN_CODES.has(d.code)) return `code ${d.code} is not in the catalogue`;
  if (d.message.trim() === '') return 'empty message';
  return undefined;
}

/** Compile a source: its failure, if any (an exception or a malformed diagnostic), and whether it was diagnosed. */
function examine(text: string): { why?: string; diagnosed: boolean } {
  try {
    const result = compileSource({ path: 'fuzz.vmodel', text });
    renderDiagnostics(result.diagnostics); // the printer must cope with every span too
    for (const d of result.diagnostics) {
      const p = problem(d, text);
      if (p) return { why: `${d.code} ${d.message}: ${p}`, diagnosed: true };
    }
    return { diagnosed: result.diagnostics.length > 0 };
  } catch (e) {
    return { why: `threw ${(e as Error).name}: ${(e as Error).message}`, diagnosed: false };
  }
}

const fails = (text: string) => examine(text).why !== undefined;

/** Shrink a failing source by deleting lines, then characters, while it still fails. */
function minimize(text: string): string {
  let current = text;
  for (const unit of ['\n', '']) {
    let parts = current.split(unit);
    for (let i = parts.length - 1; i >= 0; i--) {
      const candidate = [...parts.slice(0, i), ...parts.slice(i + 1)].join(unit);
      if (fails(candidate)) parts = candidate.split(unit);
    }
    current = parts.join(unit);
    if (current.length > 400) break; // character-level shrinking of a long text is too slow
  }
  return current;
}

describe('fuzzing the front end with random text', () => {
  it('never crashes on files of random characters and tokens', () => {
    const random = rng(20261120);
    const pieces = [...STRAY, 'model m\n', 'dim K = 2\n', 'latent z : real[K]\n', 'p(z) = Normal(0, 1)\n', ' ', 'x', '1'];
    for (let i = 0; i < 300; i++) {
      let text = '';
      const length = Math.floor(random() * 40);
      for (let k = 0; k < length; k++) {
        text += random() < 0.5 ? pieces[Math.floor(random() * pieces.length)] : String.fromCharCode(Math.floor(random() * 128));
      }
      const { why } = examine(text);
      if (why !== undefined) expect.fail(`random file ${i}: ${why}\n--- minimized source ---\n${minimize(text)}`);
    }
  });
});

describe('fuzzing the front end with mutated models', () => {
  it.each(models)('%s: mutants never crash and diagnostics point inside the file', (model) => {
    const original = readFileSync(join(modelsDir, model), 'utf8');
    const random = rng([...model].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7));
    let withDiagnostics = 0;
    for (let i = 0; i < MUTANTS_PER_MODEL; i++) {
      let text = original;
      const edits = 1 + Math.floor(random() * 3);
      for (let k = 0; k < edits; k++) text = mutate(text, random);
      const { why, diagnosed } = examine(text);
      if (why !== undefined) {
        const small = minimize(text);
        expect.fail(`mutant ${i} of ${model}: ${why}\n--- minimized source ---\n${small}\n--- (${examine(small).why})`);
      }
      if (diagnosed) withDiagnostics++;
    }
    // Most mutants are broken; the test is only meaningful if they are actually diagnosed.
    expect(withDiagnostics).toBeGreaterThan(MUTANTS_PER_MODEL / 2);
  });
});
