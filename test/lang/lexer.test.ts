import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/lang/lexer.js';

const lex = (text: string) => tokenize({ path: 't.vmodel', text });
const kinds = (text: string) => lex(text).tokens.map((t) => t.tokenType.name);

describe('lexer', () => {
  it('separates keywords from identifiers that start with them', () => {
    expect(kinds('data datum p prior q q1 pq latent latents model_x guide')).toEqual([
      'Data', 'Identifier', 'P', 'Identifier', 'Q', 'Identifier', 'Identifier', 'Latent', 'Identifier', 'Identifier', 'Guide',
    ]);
  });

  it('reads integers, decimals and exponents as single numbers', () => {
    const { tokens, diagnostics } = lex('3 0.5 1e-3 2.5E+4 .5 7.');
    expect(diagnostics).toEqual([]);
    expect(tokens.map((t) => [t.tokenType.name, t.image])).toEqual([
      ['NumberLiteral', '3'], ['NumberLiteral', '0.5'], ['NumberLiteral', '1e-3'],
      ['NumberLiteral', '2.5E+4'], ['NumberLiteral', '.5'], ['NumberLiteral', '7.'],
    ]);
  });

  it('tells the arrow from minus and comments from division', () => {
    expect(kinds('K -> 400 - 1 / 2 // comment -> here\n# another\n@ ^')).toEqual([
      'Identifier', 'Arrow', 'NumberLiteral', 'Minus', 'NumberLiteral', 'Slash', 'NumberLiteral', 'At', 'Caret',
    ]);
  });

  it('reads every punctuation mark', () => {
    expect(kinds('+ - * / ^ @ = : , | ( ) [ ] { } ->')).toEqual([
      'Plus', 'Minus', 'Star', 'Slash', 'Caret', 'At', 'Equals', 'Colon', 'Comma', 'Pipe',
      'LParen', 'RParen', 'LBracket', 'RBracket', 'LBrace', 'RBrace', 'Arrow',
    ]);
  });

  it('tracks 1-based lines and columns across LF, CRLF and CR line ends', () => {
    const tokens = lex('a\nbb\r\n  c\rd').tokens;
    expect(tokens.map((t) => [t.image, t.startLine, t.startColumn])).toEqual([
      ['a', 1, 1], ['bb', 2, 1], ['c', 3, 3], ['d', 4, 1],
    ]);
  });

  it('reports a bad character with its position and keeps lexing after it', () => {
    const { tokens, diagnostics } = lex('let a = b $ c\nlet d = e');
    expect(tokens.map((t) => t.image)).toEqual(['let', 'a', '=', 'b', 'c', 'let', 'd', '=', 'e']);
    expect(diagnostics).toHaveLength(1);
    const [d] = diagnostics;
    expect(d!.code).toBe('E0001');
    expect(d!.message).toBe("unexpected character '$'");
    expect(d!.span).toEqual({ start: 10, end: 11, startLine: 1, startColumn: 11, endLine: 1, endColumn: 12 });
  });

  it('reports a run of bad characters once, and gives targeted hints', () => {
    const run = lex('a $$$ b').diagnostics;
    expect(run.map((d) => [d.message, d.span.start, d.span.end])).toEqual([["unexpected characters '$$$'", 2, 5]]);
    expect(lex('z ~ Normal(0, 1)').diagnostics[0]!.hint).toContain('p(z) = Normal(0, 1)');
    expect(lex('σ').diagnostics[0]!.hint).toContain('ASCII');
  });

  it('reports malformed and overflowing numbers as one token each', () => {
    const { tokens, diagnostics } = lex('1.2.3 2K 1e 1e999 12');
    expect(tokens.map((t) => t.image)).toEqual(['1.2.3', '2K', '1e', '1e999', '12']);
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['E0002', "malformed number '1.2.3'"],
      ['E0002', "malformed number '2K'"],
      ['E0002', "malformed number '1e'"],
      ['E0003', "number '1e999' is too large to represent"],
    ]);
  });

  it('gives every token a span that covers exactly its text', () => {
    const text = 'model vae\n\tdim K = 20  # size\np(x | z) = Bernoulli(logits = decoder(z))\n';
    for (const t of lex(text).tokens) {
      expect(text.slice(t.startOffset, t.startOffset + t.image.length)).toBe(t.image);
    }
  });

  it('skips a byte-order mark and names invisible characters by code point', () => {
    expect(lex('\uFEFFmodel m').diagnostics).toEqual([]);
    const [d] = lex('dim K\u00A0= 2').diagnostics;
    expect(d!.message).toBe('unexpected character U+00A0');
    expect(d!.hint).toContain('invisible');
  });
});
