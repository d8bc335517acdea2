/**
 * Chevrotain's recognition exceptions → diagnostics that say what was expected in user terms.
 *
 * Chevrotain exceptions carry only a message string, so `syntaxMessageProvider` writes the
 * structured facts (what failed, in which rule, expecting which token) into it as JSON, and
 * `syntaxDiagnostic` reads them back, together with the exception's tokens and rule stack, to
 * pick a code, a message and a hint.
 */
import type { IParserErrorMessageProvider, IRecognitionException, IToken, TokenType } from 'chevrotain';
import { EOF } from './chevrotain.js';
import type { Diagnostic } from './diagnostics.js';
import { endOfFileSpan, spanAfter, tokenSpan } from './lexer.js';
import type { SourceFile, Span } from './span.js';
import {
  describeTokenType, Guide, Identifier, Infer, KEYWORD_TOKENS, LBrace, LBracket, LParen, NumberLiteral, P, Q, RBrace, RBracket, RParen,
} from './tokens.js';

type Failure =
  | { readonly kind: 'mismatch'; readonly expected: string }
  | { readonly kind: 'noViableAlt' }
  | { readonly kind: 'earlyExit' }
  | { readonly kind: 'notAllInput' };

export const syntaxMessageProvider: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected }) => JSON.stringify({ kind: 'mismatch', expected: expected.name }),
  buildNoViableAltMessage: () => JSON.stringify({ kind: 'noViableAlt' }),
  buildEarlyExitMessage: () => JSON.stringify({ kind: 'earlyExit' }),
  buildNotAllInputParsedMessage: () => JSON.stringify({ kind: 'notAllInput' }),
};

interface Context {
  readonly file: SourceFile;
  readonly tokens: readonly IToken[];
}

interface Found {
  readonly token: IToken;
  readonly previous?: IToken;
  /** Innermost rule first. */
  readonly rules: readonly string[];
}

/** One user-facing diagnostic for one chevrotain exception. */
export function syntaxDiagnostic(e: IRecognitionException, ctx: Context): Diagnostic {
  const failure = decode(e.message);
  const previous = (e as { previousToken?: IToken }).previousToken;
  const found: Found = {
    token: e.token,
    previous: previous && !Number.isNaN(previous.startOffset) ? previous : undefined,
    rules: [...e.context.ruleStack].reverse(),
  };
  const d = describe(failure, found, ctx);
  return {
    code: d.code,
    severity: 'error',
    file: ctx.file,
    span: d.span ?? locate(found, ctx.file),
    message: d.code === 'E0103' ? d.message : `${d.message}, found ${describeToken(found.token)}`,
    hint: d.hint,
    ...(d.related ? { related: d.related } : {}),
  };
}

interface Description {
  readonly code: string;
  readonly message: string;
  readonly hint: string;
  readonly span?: Span;
  readonly related?: Diagnostic['related'];
}

function error(code: string, message: string, hint: string, related?: Diagnostic['related']): Description {
  return { code, message, hint, ...(related ? { related } : {}) };
}

function decode(message: string): Failure {
  try {
    return JSON.parse(message) as Failure;
  } catch {
    return { kind: 'notAllInput' };
  }
}

function describe(failure: Failure, found: Found, ctx: Context): Description {
  const rule = found.rules[0] ?? 'program';
  switch (failure.kind) {
    case 'mismatch':
      return mismatch(failure.expected, rule, found, ctx);
    case 'noViableAlt':
      return noViableAlt(rule, found);
    case 'earlyExit':
      return earlyExit(rule);
    case 'notAllInput':
      return unexpected();
  }
}

// ------------------------------------------------------------------------------ descriptions

/** Example statements, used in hints about a declaration of each kind. */
const EXAMPLES: Readonly<Record<string, { readonly keyword: string; readonly example: string }>> = {
  header: { keyword: 'model', example: '`model my_model`' },
  dimDecl: { keyword: 'dim', example: '`dim K = 20`' },
  constDecl: { keyword: 'const', example: '`const s0 = 2.5`' },
  dataDecl: { keyword: 'data', example: '`data x : real[D]`' },
  variableDecl: { keyword: 'latent', example: '`latent z : real[K]` or `param W : real[D, K]`' },
  netDecl: { keyword: 'net', example: '`net decoder = mlp(K -> 400 -> D, relu)`' },
  letDecl: { keyword: 'let', example: '`let theta = mu + tau * eta`' },
  guideDecl: { keyword: 'guide', example: '`guide mf = meanfield` or `guide g { q(z) = Normal(m, s) }`' },
  setting: { keyword: 'infer', example: '`batch = 128`' },
};

const TYPE_EXAMPLES = '`real`, `positive[K]`, `binary[D]`, `category(K)` or `simplex[K]`';

function mismatch(expected: string, rule: string, found: Found, ctx: Context): Description {
  const keywordName = keywordAsName(found);
  if (expected === Identifier.name && keywordName) return keywordName;
  const example = EXAMPLES[rule];
  switch (expected) {
    case 'Identifier':
      if (example) {
        const what = rule === 'header' ? "the model's name" : 'a name';
        const after = rule === 'variableDecl' && found.previous ? found.previous.image : example.keyword;
        return error('E0104', `expected ${what} after '${after}'`, `write ${example.example}`);
      }
      if (rule === 'typeExpr') return error(
        'E0106',
        "expected a type after ':'",
        `a type is a kind and a shape, e.g. ${TYPE_EXAMPLES}`,
      );
      if (rule === 'distribution') return expectedDistribution(found, ctx);
      if (rule === 'netSpec') return error(
        'E0114',
        "expected a network architecture after '='",
        `write ${EXAMPLES.netDecl!.example}`,
      );
      if (rule === 'factorVariables') return factorVariable(found);
      if (rule === 'autoGuide') return error(
        'E0113',
        "expected an automatic guide after '='",
        'write `meanfield`, `fullrank`, `amortized(hidden = [400])` or `delta`, or a block `guide g { ... }` without \'=\'',
      );
      break;
    case 'Colon': {
      const name = found.previous?.image ?? 'x';
      const keyword = tokenBefore(found.previous, ctx)?.image ?? 'data';
      const sameLine = found.token.startLine === found.previous?.startLine;
      const type = sameLine && found.token.tokenType === Identifier ? found.token.image : 'real[K]';
      return error(
        'E0105',
        `expected ':' and a type after ${keyword} '${name}'`,
        `write \`${keyword} ${name} : ${type}\``,
      );
    }
    case 'Equals':
      return expectedEquals(rule, found, ctx);
    case 'LParen':
      if (rule === 'factor') return error(
        'E0112',
        `expected '(' after '${found.previous?.image ?? 'p'}'`,
        'a factor is written `p(x | z) = Family(...)`; `p` and `q` are reserved for factors',
      );
      if (rule === 'argumentList' && found.rules[1] === 'distribution') {
        const family = found.previous?.image ?? 'the family';
        return error(
          'E0107',
          `expected '(' and arguments after distribution '${family}'`,
          `apply the family to its parameters, e.g. \`${family}(0, 1)\` or with names \`${family}(loc = 0, scale = 1)\``,
        );
      }
      if (rule === 'netSpec') return error(
        'E0114',
        `expected '(' after the architecture '${found.previous?.image ?? 'mlp'}'`,
        `write ${EXAMPLES.netDecl!.example}`,
      );
      break;
    case 'LBrace':
      return error(
        'E0115',
        "expected '{' after 'infer'",
        'write the settings in braces: `infer { method = svi  batch = 128 }`',
      );
    case 'RParen':
    case 'RBracket':
    case 'RBrace':
      return closer(expected, rule, found, ctx);
  }
  return unexpected(expected);
}

function keywordAsName(found: Found): Description | undefined {
  const type = found.token.tokenType;
  if (!KEYWORD_TOKENS.includes(type) || !found.previous) return undefined;
  // A keyword right after a statement's leading keyword is being used as a name; a keyword on a
  // later line starts the next statement, which means the name is missing instead.
  if (found.token.startLine !== found.previous.startLine) return undefined;
  const word = found.token.image;
  const hint =
    type === P || type === Q
      ? "'p' and 'q' are reserved for factors p(...) and q(...); choose another name"
      : `keywords (${KEYWORD_TOKENS.map((t) => t.name.toLowerCase()).join(', ')}) are reserved; choose another name, e.g. '${word}_'`;
  return { code: 'E0103', message: `'${word}' is a keyword and cannot be used as a name`, hint, span: tokenSpan(found.token) };
}

function expectedEquals(rule: string, found: Found, ctx: Context): Description {
  if (rule === 'factor') {
    return error(
      'E0108',
      "expected '=' after the factor's closing ')'",
      `write the distribution after '=', e.g. \`${factorHead(found.token, ctx)} = Normal(0, 1)\``,
    );
  }
  if (rule === 'setting') {
    const key = found.previous?.image ?? 'key';
    return error('E0115', `expected '=' after setting '${key}'`, 'each setting is `name = value`, e.g. `batch = 128`');
  }
  const keyword = EXAMPLES[rule]?.keyword;
  const name = found.previous?.image ?? 'x';
  const head = keyword ? `${keyword} ${name}` : name;
  // Reuse what follows as the value when it is one whole token: `dim K 20` → `dim K = 20`.
  const sameLine = found.token.startLine === found.previous?.startLine;
  const next = ctx.tokens[indexAt(ctx.tokens, found.token) + 1];
  const alone = !next || next.startLine !== found.token.startLine || KEYWORD_TOKENS.includes(next.tokenType);
  const value = sameLine && alone && [NumberLiteral, Identifier].includes(found.token.tokenType) ? found.token.image : '...';
  return error('E0108', `expected '=' after '${head}'`, `write \`${head} = ${value}\``);
}

function expectedDistribution(found: Found, ctx: Context): Description {
  const head = factorHead(found.token, ctx);
  const targets = head.slice(2, head.indexOf(' |') > 0 ? head.indexOf(' |') : -1);
  return {
    code: 'E0107',
    message: "expected a distribution after '='",
    hint: `write the distribution of ${targets}, e.g. \`${head} = Normal(0, 1)\``,
  };
}

function factorVariable(found: Found): Description {
  const token = found.token.tokenType;
  const hint =
    token === NumberLiteral || token === LParen || token === LBracket
      ? 'a factor lists variable names only; put expressions in the distribution: `p(x | z) = Normal(f(z), 1)`'
      : 'write the variables the factor defines, then `|` and the ones it is conditioned on: `p(x | z)`';
  return { code: 'E0112', message: 'expected a variable name in the factor', hint };
}

function noViableAlt(rule: string, found: Found): Description {
  switch (rule) {
    case 'unary':
    case 'primary':
    case 'indexItem':
      return expectedExpression(found, rule === 'indexItem');
    case 'variableDecl':
      return error(
        'E0121',
        `expected 'latent' or 'param' after '${found.previous?.image ?? 'local'}'`,
        'write `global latent mu : real` or `local param m : real[K]`',
      );
    case 'guideDecl':
      return error(
        'E0113',
        `expected '=' or '{' after 'guide ${found.previous?.image ?? ''}'`,
        `write an automatic guide or a block: ${EXAMPLES.guideDecl!.example}`,
      );
  }
  return unexpected();
}

function expectedExpression(found: Found, index: boolean): Description {
  const type = found.token.tokenType;
  const inDim = found.rules.includes('dimDecl');
  const hint =
    type === P || type === Q
      ? "'p' and 'q' are reserved for factors and cannot appear in an expression"
      : type === EOF
        ? 'the file ends in the middle of an expression; complete it'
        : index
          ? 'an index is an expression (`mu[c]`) or a slice (`h[0:K]`, `W[:, 1]`)'
          : inDim
            ? 'a size is an integer expression, e.g. `dim K = 20` or `dim H = 2*K`'
            : type === RParen && found.previous?.image === ','
              ? "remove the trailing ',' or add the missing argument"
              : 'an expression is a number, a name, a call like `exp(x)`, a vector `[a, b]`, or these combined with + - * / ^ @';
  return { code: 'E0109', message: index ? 'expected an index or a slice' : 'expected an expression', hint };
}

function earlyExit(rule: string): Description {
  switch (rule) {
    case 'netSpec':
      return error(
        'E0114',
        "expected the network's layer widths joined by '->'",
        `list the input, hidden and output widths: ${EXAMPLES.netDecl!.example}`,
      );
    case 'factorVariables':
      return error(
        'E0112',
        'expected a variable name in the factor',
        'write the variables the factor defines: `p(z)`, `p(x | z)`',
      );
    case 'typeExpr':
      return error('E0106', 'expected a size', 'sizes are integer expressions over dims: `real[K]`, `real[D, K]`');
    case 'indexSuffix':
      return error('E0109', 'expected an index or a slice', 'write `mu[c]`, `h[0:K]` or `W[:, 1]`');
    case 'vectorLiteral':
      return error(
        'E0109',
        'expected a vector element',
        'a vector literal lists at least one value: `[400]`, `[400, 200]`',
      );
  }
  return unexpected();
}

interface Brackets {
  readonly open: TokenType;
  readonly close: TokenType;
  readonly char: string;
  readonly openChar: string;
}

const CLOSERS: Readonly<Record<string, Brackets>> = {
  RParen: { open: LParen, close: RParen, char: ')', openChar: '(' },
  RBracket: { open: LBracket, close: RBracket, char: ']', openChar: '[' },
  RBrace: { open: LBrace, close: RBrace, char: '}', openChar: '{' },
};

/** What a list of items is called in messages, by the rule that parses it. */
const LISTS: Readonly<Record<string, { readonly between: string; readonly hint: string }>> = {
  argumentList: { between: 'between arguments', hint: 'separate arguments with commas: `Normal(0, scale = 1)`' },
  netSpec: { between: 'after the layer widths', hint: `widths are joined by '->' and options follow after ',': ${EXAMPLES.netDecl!.example}` },
  typeExpr: { between: 'in the type', hint: `separate sizes with commas, e.g. \`real[D, K]\`` },
  indexSuffix: { between: 'between indices', hint: 'separate indices with commas: `W[i, :]`' },
  vectorLiteral: { between: 'between vector elements', hint: 'separate elements with commas: `[400, 200]`' },
  factor: { between: "in the factor's variable list", hint: 'list names separated by commas, with `|` before the conditioning set: `p(x | z1, z2)`' },
  primary: { between: 'after the expression', hint: 'close the parenthesis' },
  inferDecl: { between: 'in the infer block', hint: 'each setting is `name = value`, e.g. `infer { method = svi  batch = 128 }`' },
  guideBlock: { between: 'in the guide', hint: 'a guide block holds param, net, let and q(...) statements' },
};

/** Constructs whose shape is worth showing when their bracket is left open. */
const UNCLOSED_EXAMPLES: Readonly<Record<string, string>> = {
  netSpec: EXAMPLES.netDecl!.example,
  guideBlock: '`guide g { q(z) = Normal(m, s) }`',
  inferDecl: '`infer { method = svi  batch = 128 }`',
  factor: '`p(x | z) = ...`',
};

/** A missing `)`, `]` or `}`: either the list goes on wrongly, or the bracket was never closed. */
function closer(expected: string, rule: string, found: Found, ctx: Context): Description {
  const spec = CLOSERS[expected]!;
  const opener = unclosedOpener(found.token, spec.open, spec.close, ctx.tokens);
  const related = opener ? [{ span: tokenSpan(opener), message: `this '${spec.openChar}' is not closed` }] : undefined;
  const type = found.token.tokenType;
  const endsStatement = type === EOF || KEYWORD_TOKENS.includes(type) || Object.values(CLOSERS).some((c) => c.close === type);
  const list = LISTS[rule];
  if (endsStatement || !list) {
    const where = opener ? ` to close the '${spec.openChar}' on line ${opener.startLine}` : '';
    const example = UNCLOSED_EXAMPLES[rule];
    const nested = rule === 'guideBlock' && (type === Guide || type === Infer);
    const hint = nested
      ? `end the guide with '}' before the next ${found.token.image} block; blocks cannot be nested`
      : `add the missing '${spec.char}'${example ? `, as in ${example}` : ''}`;
    return { code: 'E0110', message: `expected '${spec.char}'${where}`, hint, related };
  }
  const separators = rule === 'inferDecl' ? "a setting or '}'" : rule === 'factor' ? `'|', ',' or ')'` : rule === 'primary' ? `')'` : `',' or '${spec.char}'`;
  return error('E0111', `expected ${separators} ${list.between}`, list.hint);
}

function unexpected(expected?: string): Description {
  const what = expected ? `expected ${describeTokenTypeName(expected)}` : 'unexpected input';
  return error('E0199', what, 'see docs/language.md for the grammar');
}

function describeTokenTypeName(name: string): string {
  const all = [...KEYWORD_TOKENS, Identifier, NumberLiteral, ...Object.values(CLOSERS).flatMap((c) => [c.open, c.close])];
  const type = all.find((t) => t.name === name);
  return type ? describeTokenType(type) : name;
}

// ------------------------------------------------------------------------------ token helpers

/** How a found token is named in messages. */
export function describeToken(token: IToken): string {
  if (token.tokenType === EOF) return 'the end of the file';
  if (KEYWORD_TOKENS.includes(token.tokenType)) return `keyword '${token.image}'`;
  return `'${token.image}'`;
}

/**
 * Where to point: at the offending token when it is on the same line as what precedes it;
 * otherwise (end of file, or the next line) just after the previous token, where the missing
 * piece belongs.
 */
function locate(found: Found, file: SourceFile): Span {
  const { token, previous } = found;
  const atEnd = token.tokenType === EOF || Number.isNaN(token.startOffset);
  if (previous && (atEnd || token.startLine !== previous.startLine)) return spanAfter(previous);
  return atEnd ? endOfFileSpan(file.text) : tokenSpan(token);
}

/** The index of the first token at or after `offset` (tokens.length at the end of the file). */
function indexAt(tokens: readonly IToken[], token: IToken): number {
  if (token.tokenType === EOF || Number.isNaN(token.startOffset)) return tokens.length;
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.startOffset < token.startOffset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The innermost `open` bracket before `at` that has no matching `close` before it. */
function unclosedOpener(at: IToken, open: TokenType, close: TokenType, tokens: readonly IToken[]): IToken | undefined {
  const stack: IToken[] = [];
  const end = indexAt(tokens, at);
  for (let i = 0; i < end; i++) {
    const t = tokens[i]!;
    if (t.tokenType === open) stack.push(t);
    else if (t.tokenType === close) stack.pop();
  }
  return stack[stack.length - 1];
}

/** The token just before `token` in the stream. */
function tokenBefore(token: IToken | undefined, ctx: Context): IToken | undefined {
  return token ? ctx.tokens[indexAt(ctx.tokens, token) - 1] : undefined;
}

/** The head of the factor whose tokens precede `at`, as written: `p(x | z)` (or `p(z)` if none). */
function factorHead(at: IToken, ctx: Context): string {
  let i = indexAt(ctx.tokens, at) - 1;
  while (i >= 0 && ctx.tokens[i]!.tokenType !== P && ctx.tokens[i]!.tokenType !== Q) i--;
  if (i < 0 || ctx.tokens[i + 1]?.tokenType !== LParen) return 'p(z)';
  let text = '';
  for (let j = i + 2; j < ctx.tokens.length; j++) {
    const t = ctx.tokens[j]!;
    if (t.tokenType === Identifier) text += t.image;
    else if (t.image === ',') text += ', ';
    else if (t.image === '|') text += ' | ';
    else break;
  }
  return text.trim() === '' ? 'p(z)' : `${ctx.tokens[i]!.image}(${text.trim()})`;
}
