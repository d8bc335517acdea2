/** Diagnostic codes reported while reading a file: the lexer (E00xx) and the parser (E01xx). */
import type { CodeInfo } from '../diagnostics.js';

const lex = (code: string, title: string, explanation: string): CodeInfo => ({ code, severity: 'error', stage: 'lex', title, explanation });
const parse = (code: string, title: string, explanation: string): CodeInfo => ({ code, severity: 'error', stage: 'parse', title, explanation });

export const SYNTAX_CODES: CodeInfo[] = [
  lex('E0001', 'unexpected character', 'A character that is not part of the language, such as `$`, `~`, `;` or a non-ASCII letter. Names use ASCII letters, digits and `_`; factors are written `p(z) = Normal(0, 1)`.'),
  lex('E0002', 'malformed number', 'A number glued to letters or dots, such as `1.2.3`, `2K` or `1e`. Write `2*K` for a product and give an exponent digits (`1e-3`).'),
  lex('E0003', 'number too large', 'A number literal whose value overflows a 64-bit float.'),
  parse('E0101', 'missing model header', 'A file starts with `model NAME`, before any declaration.'),
  parse('E0102', 'expected a declaration', 'Something that does not start a declaration where one was expected. Declarations start with `dim`, `const`, `data`, `latent`, `param`, `net`, `let`, `p(...)`, `guide` or `infer`; a file declares one model.'),
  parse('E0103', 'keyword used as a name', 'A reserved word (`model dim const data latent param local global net let guide infer p q`) where a name was expected.'),
  parse('E0104', 'expected a name', 'A declaration keyword must be followed by the name being declared: `dim K = 20`, `data x : real[D]`.'),
  parse('E0105', "expected ':' and a type", 'Data, latents and parameters declare their type after a colon: `latent z : real[K]`.'),
  parse('E0106', 'expected a type', 'A type is a kind (`real`, `positive`, `unit`, `binary`, `int`, `count`, `category(K)`, `simplex`, `cholesky`, `covariance`, `interval(a, b)`) with an optional shape in brackets.'),
  parse('E0107', 'expected a distribution', "A factor's right-hand side is a distribution family applied to its arguments: `p(x | z) = Bernoulli(logits = decoder(z))`."),
  parse('E0108', "expected '='", 'Definitions and factors bind their value with `=`: `let h = f(x)`, `p(z) = Normal(0, 1)`.'),
  parse('E0109', 'expected an expression', 'A value was expected: a number, a name, a call, a vector literal, or these combined with operators; inside brackets, an index or a slice.'),
  parse('E0110', 'unclosed bracket', 'A `(`, `[` or `{` is not closed before the statement or the file ends. The message points at the opening bracket.'),
  parse('E0111', 'unexpected token in a list', 'Items of an argument list, shape, index, vector or factor variable list are separated by commas and end with the closing bracket.'),
  parse('E0112', 'malformed factor', 'A factor is written `p(targets | given) = Family(args)` with variable names on both sides of `|`; `p` and `q` are reserved for factors.'),
  parse('E0113', 'malformed guide', 'A guide is automatic (`guide mf = meanfield`, `guide enc = amortized(hidden = [400])`) or written out as a block of statements (`guide g { q(z) = Normal(m, s) }`).'),
  parse('E0114', 'malformed network', 'A network is an architecture applied to its layer widths and options: `net decoder = mlp(K -> 400 -> D, relu)`.'),
  parse('E0115', 'malformed infer block', 'Inference defaults are `name = value` settings in braces: `infer { method = svi  batch = 128 }`.'),
  parse('E0116', 'latent with an initial value', 'Only parameters take an initial value (`param s : positive = 1`); a latent variable gets a prior factor `p(z) = ...` instead.'),
  parse('E0117', 'statement not allowed in a guide', 'A guide block contains `param`, `net` and `let` declarations and `q(...)` factors. Sizes, data and latents are declared by the model, and `p(...)` factors belong to the model.'),
  parse('E0118', 'q factor outside a guide', 'Factors of the approximate posterior, `q(...)`, are written inside a guide block; the model itself uses `p(...)`.'),
  parse('E0119', 'empty guide', 'A written-out guide needs at least one `q(...)` factor. For an automatic guide write `guide g = meanfield`.'),
  parse('E0121', "expected 'latent' or 'param'", '`local` and `global` qualify a latent or a parameter: `global latent mu : real`, `local param m : real[K]`.'),
  parse('E0199', 'unexpected token', 'A token the grammar does not allow here (a fallback for cases without a more specific message).'),
];
