/**
 * Every token of the `.vmodel` language, in one place.
 *
 * Order matters: chevrotain tries the patterns in this order and takes the first match, so
 * longer operators (`->`, `//`) come before their prefixes and keywords come before `Identifier`
 * (with `longer_alt` so that `datum` or `prior` stay identifiers).
 *
 * Every token except EOF belongs to the category `AnyToken`, which lets the grammar consume a
 * stray token as "junk" and keep parsing (see `parser.ts`).
 */
import type { TokenType } from 'chevrotain';
import { createToken, Lexer } from './chevrotain.js';

/** The category of every real token: matched by the parser's junk alternative. */
export const AnyToken = createToken({ name: 'AnyToken', pattern: Lexer.NA });

/** Whitespace, including a byte-order mark (some editors start files with one). */
export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n\f\v\uFEFF]+/, group: Lexer.SKIPPED, line_breaks: true });
export const Comment = createToken({ name: 'Comment', pattern: /(?:#|\/\/)[^\n\r]*/, group: Lexer.SKIPPED });

export const Identifier = createToken({ name: 'Identifier', pattern: /[A-Za-z_][A-Za-z0-9_]*/, categories: [AnyToken] });

/** Words reserved by the language, as written in source. */
export const KEYWORD_NAMES = [
  'model', 'dim', 'const', 'data', 'latent', 'param', 'local', 'global', 'net', 'let', 'guide', 'infer', 'p', 'q',
] as const;
export type KeywordName = (typeof KEYWORD_NAMES)[number];

function keyword(word: KeywordName): TokenType {
  return createToken({
    name: word[0]!.toUpperCase() + word.slice(1),
    pattern: new RegExp(word),
    longer_alt: Identifier,
    categories: [AnyToken],
  });
}

export const Model = keyword('model');
export const Dim = keyword('dim');
export const Const = keyword('const');
export const Data = keyword('data');
export const Latent = keyword('latent');
export const Param = keyword('param');
export const Local = keyword('local');
export const Global = keyword('global');
export const Net = keyword('net');
export const Let = keyword('let');
export const Guide = keyword('guide');
export const Infer = keyword('infer');
export const P = keyword('p');
export const Q = keyword('q');

export const KEYWORD_TOKENS: readonly TokenType[] = [
  Model, Dim, Const, Data, Latent, Param, Local, Global, Net, Let, Guide, Infer, P, Q,
];

/**
 * A number, plus any letters, digits or dots glued to it (`1.2.3`, `12abc`, `1e`): the lexer
 * keeps such a run as one token so that `lexer.ts` can report it as one malformed number
 * instead of a confusing pair of tokens.
 */
export const NumberLiteral = createToken({
  name: 'NumberLiteral',
  pattern: /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?(?:[A-Za-z_.][A-Za-z0-9_.]*)?/,
  categories: [AnyToken],
});

/** Categories that keep an operator chain's operators in source order in the syntax tree. */
export const AdditiveOp = createToken({ name: 'AdditiveOp', pattern: Lexer.NA });
export const MultiplicativeOp = createToken({ name: 'MultiplicativeOp', pattern: Lexer.NA });

function punct(name: string, pattern: RegExp, category?: TokenType): TokenType {
  return createToken({ name, pattern, categories: category ? [AnyToken, category] : [AnyToken] });
}

export const Arrow = punct('Arrow', /->/);
export const Plus = punct('Plus', /\+/, AdditiveOp);
export const Minus = punct('Minus', /-/, AdditiveOp);
export const Star = punct('Star', /\*/, MultiplicativeOp);
export const Slash = punct('Slash', /\//, MultiplicativeOp);
export const Caret = punct('Caret', /\^/);
export const At = punct('At', /@/, MultiplicativeOp);
export const Equals = punct('Equals', /=/);
export const Colon = punct('Colon', /:/);
export const Comma = punct('Comma', /,/);
export const Pipe = punct('Pipe', /\|/);
export const LParen = punct('LParen', /\(/);
export const RParen = punct('RParen', /\)/);
export const LBracket = punct('LBracket', /\[/);
export const RBracket = punct('RBracket', /]/);
export const LBrace = punct('LBrace', /\{/);
export const RBrace = punct('RBrace', /}/);

/** All token types in matching order (the lexer definition). */
export const ALL_TOKENS: readonly TokenType[] = [
  WhiteSpace,
  Comment,
  ...KEYWORD_TOKENS,
  Identifier,
  NumberLiteral,
  Arrow,
  Plus,
  Minus,
  Star,
  Slash,
  Caret,
  At,
  Equals,
  Colon,
  Comma,
  Pipe,
  LParen,
  RParen,
  LBracket,
  RBracket,
  LBrace,
  RBrace,
  AnyToken,
  AdditiveOp,
  MultiplicativeOp,
];

/** How a token type is named in messages: `'='`, `a name`, `a number`. */
export function describeTokenType(type: TokenType): string {
  if (type === Identifier) return 'a name';
  if (type === NumberLiteral) return 'a number';
  if (KEYWORD_TOKENS.includes(type)) return `'${type.name.toLowerCase()}'`;
  const pattern = type.PATTERN;
  if (pattern instanceof RegExp) return `'${pattern.source.replace(/\\/g, '')}'`;
  return type.name;
}
