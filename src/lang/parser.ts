/**
 * The grammar of `.vmodel` as a chevrotain `CstParser`: a pure grammar with no semantic actions.
 * It produces a concrete syntax tree that `ast-builder.ts` turns into the AST.
 *
 * Error recovery is on, so one run reports several syntax errors. Two choices make recovery work
 * well for this language, where every statement starts with a keyword:
 * - a stray token at statement level is consumed as `junk` (reported later by the AST builder)
 *   instead of ending the parse;
 * - recovery never deletes a statement keyword, so an error cannot swallow the next statement.
 * The grammar is documented in docs/language.md; keep the two in step.
 */
import type { IToken, TokenType } from 'chevrotain';
import { CstParser, EOF } from './chevrotain.js';
import { syntaxMessageProvider } from './syntax-errors.js';
import {
  AdditiveOp, ALL_TOKENS, AnyToken, Arrow, Caret, Colon, Comma, Const, Data, Dim, Equals, Global, Guide,
  Identifier, Infer, KEYWORD_TOKENS, Latent, LBrace, LBracket, Let, Local, LParen, Minus, Model,
  MultiplicativeOp, Net, NumberLiteral, P, Param, Pipe, Plus, Q, RBrace, RBracket, RParen,
} from './tokens.js';

/** Tokens that end a guide block's statement list: its `}`, or a statement that cannot be inside it. */
const GUIDE_STOPPERS: readonly TokenType[] = [RBrace, Guide, Infer, Model, EOF];

export class VmodelParser extends CstParser {
  constructor() {
    super([...ALL_TOKENS], {
      recoveryEnabled: true,
      nodeLocationTracking: 'full',
      errorMessageProvider: syntaxMessageProvider,
      maxLookahead: 3,
    });
    this.performSelfAnalysis();
  }

  /** Recovery may delete a stray token, but never a keyword that starts the next statement. */
  protected override canTokenTypeBeDeletedInRecovery(): boolean {
    return !KEYWORD_TOKENS.includes(this.LA(1).tokenType);
  }

  program = this.RULE('program', () => {
    // One token decides: a file starting with `model` has a header, even if its name is missing.
    this.OPTION({ MAX_LOOKAHEAD: 1, DEF: () => this.SUBRULE(this.header) });
    this.MANY(() => this.SUBRULE(this.declaration));
  });

  header = this.RULE('header', () => {
    this.CONSUME(Model);
    this.CONSUME(Identifier);
  });

  declaration = this.RULE('declaration', () => {
    this.OR({
      // `junk` matches every token and is tried last. One token of lookahead commits to a
      // statement by its keyword, so an error inside it is reported there, not as junk.
      IGNORE_AMBIGUITIES: true,
      MAX_LOOKAHEAD: 1,
      DEF: [
        { ALT: () => this.SUBRULE(this.dimDecl) },
        { ALT: () => this.SUBRULE(this.constDecl) },
        { ALT: () => this.SUBRULE(this.dataDecl) },
        { ALT: () => this.SUBRULE(this.variableDecl) },
        { ALT: () => this.SUBRULE(this.netDecl) },
        { ALT: () => this.SUBRULE(this.letDecl) },
        { ALT: () => this.SUBRULE(this.factor) },
        { ALT: () => this.SUBRULE(this.guideDecl) },
        { ALT: () => this.SUBRULE(this.inferDecl) },
        { ALT: () => this.CONSUME(AnyToken, { LABEL: 'junk' }) },
      ],
    });
  });

  dimDecl = this.RULE('dimDecl', () => {
    this.CONSUME(Dim);
    this.CONSUME(Identifier);
    this.CONSUME(Equals);
    this.SUBRULE(this.expression);
  });

  constDecl = this.RULE('constDecl', () => {
    this.CONSUME(Const);
    this.CONSUME(Identifier);
    this.CONSUME(Equals);
    this.SUBRULE(this.expression);
  });

  dataDecl = this.RULE('dataDecl', () => {
    this.CONSUME(Data);
    this.CONSUME(Identifier);
    this.CONSUME(Colon);
    this.SUBRULE(this.typeExpr);
  });

  /** `(local | global)? (latent | param) NAME : type (= init)?` — latents with an init are rejected later. */
  variableDecl = this.RULE('variableDecl', () => {
    this.OPTION(() => this.OR([{ ALT: () => this.CONSUME(Local) }, { ALT: () => this.CONSUME(Global) }]));
    this.OR2([{ ALT: () => this.CONSUME(Latent) }, { ALT: () => this.CONSUME(Param) }]);
    this.CONSUME(Identifier);
    this.CONSUME(Colon);
    this.SUBRULE(this.typeExpr);
    this.OPTION2(() => {
      this.CONSUME(Equals);
      this.SUBRULE(this.expression);
    });
  });

  netDecl = this.RULE('netDecl', () => {
    this.CONSUME(Net);
    this.CONSUME(Identifier);
    this.CONSUME(Equals);
    this.SUBRULE(this.netSpec);
  });

  /** `mlp(K -> 400 -> D, relu, output = sigmoid)` */
  netSpec = this.RULE('netSpec', () => {
    this.CONSUME(Identifier);
    this.CONSUME(LParen);
    this.SUBRULE(this.expression, { LABEL: 'layers' });
    this.AT_LEAST_ONE(() => {
      this.CONSUME(Arrow);
      this.SUBRULE2(this.expression, { LABEL: 'layers' });
    });
    this.MANY(() => {
      this.CONSUME(Comma);
      this.SUBRULE(this.argument);
    });
    this.CONSUME(RParen);
  });

  letDecl = this.RULE('letDecl', () => {
    this.CONSUME(Let);
    this.CONSUME(Identifier);
    this.CONSUME(Equals);
    this.SUBRULE(this.expression);
  });

  /** `p(x | z) = Bernoulli(logits = decoder(z))` or `q(z | x) = ...` */
  factor = this.RULE('factor', () => {
    this.OR([{ ALT: () => this.CONSUME(P) }, { ALT: () => this.CONSUME(Q) }]);
    this.CONSUME(LParen);
    this.SUBRULE(this.factorVariables, { LABEL: 'targets' });
    this.OPTION(() => {
      this.CONSUME(Pipe);
      this.SUBRULE2(this.factorVariables, { LABEL: 'given' });
    });
    this.CONSUME(RParen);
    this.CONSUME(Equals);
    this.SUBRULE(this.distribution);
  });

  factorVariables = this.RULE('factorVariables', () => {
    this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => this.CONSUME(Identifier) });
  });

  distribution = this.RULE('distribution', () => {
    this.CONSUME(Identifier);
    this.SUBRULE(this.argumentList);
  });

  guideDecl = this.RULE('guideDecl', () => {
    this.CONSUME(Guide);
    this.CONSUME(Identifier);
    this.OR([
      { ALT: () => this.SUBRULE(this.guideBlock) },
      {
        ALT: () => {
          this.CONSUME(Equals);
          this.SUBRULE(this.autoGuide);
        },
      },
    ]);
  });

  /** Statements inside a guide use the declaration rule; the AST builder rejects misplaced kinds. */
  guideBlock = this.RULE('guideBlock', () => {
    this.CONSUME(LBrace);
    this.MANY({
      GATE: () => !GUIDE_STOPPERS.includes(this.LA(1).tokenType),
      DEF: () => this.SUBRULE(this.declaration),
    });
    this.CONSUME(RBrace);
  });

  /** `meanfield`, `amortized(hidden = [400])` */
  autoGuide = this.RULE('autoGuide', () => {
    this.CONSUME(Identifier);
    this.OPTION(() => this.SUBRULE(this.argumentList));
  });

  inferDecl = this.RULE('inferDecl', () => {
    this.CONSUME(Infer);
    this.CONSUME(LBrace);
    this.MANY(() => this.SUBRULE(this.setting));
    this.CONSUME(RBrace);
  });

  /** `key = value`, optionally followed by a comma; `guide` is a keyword but also a setting key. */
  setting = this.RULE('setting', () => {
    this.OR([{ ALT: () => this.CONSUME(Identifier, { LABEL: 'key' }) }, { ALT: () => this.CONSUME(Guide, { LABEL: 'key' }) }]);
    this.CONSUME(Equals);
    this.SUBRULE(this.expression);
    this.OPTION(() => this.CONSUME(Comma));
  });

  /** `real`, `positive[K, D]`, `category(K)`, `interval(0, 1)[3]` */
  typeExpr = this.RULE('typeExpr', () => {
    this.CONSUME(Identifier);
    this.OPTION(() => {
      this.CONSUME(LParen);
      this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => this.SUBRULE(this.expression, { LABEL: 'kindArgs' }) });
      this.CONSUME(RParen);
    });
    this.OPTION2(() => {
      this.CONSUME(LBracket);
      this.AT_LEAST_ONE_SEP2({ SEP: Comma, DEF: () => this.SUBRULE2(this.expression, { LABEL: 'dims' }) });
      this.CONSUME(RBracket);
    });
  });

  // ------------------------------------------------------------------------------ expressions

  expression = this.RULE('expression', () => {
    this.SUBRULE(this.additive);
  });

  additive = this.RULE('additive', () => {
    this.SUBRULE(this.multiplicative, { LABEL: 'operands' });
    this.MANY(() => {
      this.CONSUME(AdditiveOp);
      this.SUBRULE2(this.multiplicative, { LABEL: 'operands' });
    });
  });

  multiplicative = this.RULE('multiplicative', () => {
    this.SUBRULE(this.unary, { LABEL: 'operands' });
    this.MANY(() => {
      this.CONSUME(MultiplicativeOp);
      this.SUBRULE2(this.unary, { LABEL: 'operands' });
    });
  });

  /** A sign applies to a whole power: `-x^2` is `-(x^2)`. */
  unary = this.RULE('unary', () => {
    this.OR([
      {
        ALT: () => {
          this.OR2([{ ALT: () => this.CONSUME(Minus, { LABEL: 'sign' }) }, { ALT: () => this.CONSUME(Plus, { LABEL: 'sign' }) }]);
          this.SUBRULE(this.unary);
        },
      },
      { ALT: () => this.SUBRULE(this.power) },
    ]);
  });

  /** `^` is right-associative and its exponent may carry a sign: `2^-1`. */
  power = this.RULE('power', () => {
    this.SUBRULE(this.postfix);
    this.OPTION(() => {
      this.CONSUME(Caret);
      this.SUBRULE(this.unary);
    });
  });

  postfix = this.RULE('postfix', () => {
    this.SUBRULE(this.primary);
    this.MANY(() => this.SUBRULE(this.indexSuffix));
  });

  indexSuffix = this.RULE('indexSuffix', () => {
    this.CONSUME(LBracket);
    this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => this.SUBRULE(this.indexItem) });
    this.CONSUME(RBracket);
  });

  /** `i`, `a:b`, `:b`, `a:`, `:` */
  indexItem = this.RULE('indexItem', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(Colon);
          this.OPTION(() => this.SUBRULE(this.expression, { LABEL: 'end' }));
        },
      },
      {
        ALT: () => {
          this.SUBRULE2(this.expression, { LABEL: 'start' });
          this.OPTION2(() => {
            this.CONSUME2(Colon);
            this.OPTION3(() => this.SUBRULE3(this.expression, { LABEL: 'end' }));
          });
        },
      },
    ]);
  });

  primary = this.RULE('primary', () => {
    this.OR([
      { ALT: () => this.CONSUME(NumberLiteral) },
      { ALT: () => this.SUBRULE(this.nameOrCall) },
      {
        ALT: () => {
          this.CONSUME(LParen);
          this.SUBRULE(this.expression);
          this.CONSUME(RParen);
        },
      },
      { ALT: () => this.SUBRULE(this.vectorLiteral) },
    ]);
  });

  nameOrCall = this.RULE('nameOrCall', () => {
    this.CONSUME(Identifier);
    this.OPTION(() => this.SUBRULE(this.argumentList));
  });

  argumentList = this.RULE('argumentList', () => {
    this.CONSUME(LParen);
    this.MANY_SEP({ SEP: Comma, DEF: () => this.SUBRULE(this.argument) });
    this.CONSUME(RParen);
  });

  /** Positional `expr` or named `name = expr`. */
  argument = this.RULE('argument', () => {
    this.OPTION(() => {
      this.CONSUME(Identifier, { LABEL: 'name' });
      this.CONSUME(Equals);
    });
    this.SUBRULE(this.expression);
  });

  vectorLiteral = this.RULE('vectorLiteral', () => {
    this.CONSUME(LBracket);
    this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => this.SUBRULE(this.expression) });
    this.CONSUME(RBracket);
  });
}

/** The single parser instance (chevrotain parsers are built once and reused). */
export const parser = new VmodelParser();

/** Parse a token stream into a concrete syntax tree; errors are left in `parser.errors`. */
export function parseTokens(tokens: IToken[]) {
  parser.input = tokens;
  const cst = parser.program();
  return { cst, errors: [...parser.errors] };
}
