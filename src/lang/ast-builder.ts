/**
 * Concrete syntax tree → AST, with a source span on every node.
 *
 * The CST may be partial after error recovery: a visit returns `undefined` for a node with a
 * missing piece (the parser has already reported why), and the node is dropped. The builder also
 * reports the syntax rules the grammar leaves to it: stray tokens (`junk`), a missing model
 * header, statements misplaced in or out of guides, empty guides and latents with initial values.
 */
import type { CstNode, IToken } from 'chevrotain';
import type * as A from './ast.js';
import { InternalError, type Diagnostic } from './diagnostics.js';
import { tokenSpan } from './lexer.js';
import { parser } from './parser.js';
import { joinSpans, type SourceFile, type Span } from './span.js';
import { didYouMean } from './suggest.js';
import { describeToken } from './syntax-errors.js';
import { Equals, Identifier, KEYWORD_NAMES, Model, RBrace, RBracket, RParen } from './tokens.js';

type Children = Record<string, (CstNode | IToken)[] | undefined>;

/** A stray token where a statement should start; consecutive ones are reported together. */
interface Junk {
  readonly kind: 'Junk';
  readonly token: IToken;
}

type Statement = A.Declaration | Junk;

const BaseVisitor = parser.getBaseCstVisitorConstructor();

/** Where statements are being read: the model's top level, or the body of a named guide. */
type Place = { readonly guide?: string };

class AstBuilder extends BaseVisitor {
  readonly diagnostics: Diagnostic[] = [];

  constructor(private readonly file: SourceFile) {
    super();
    this.validateVisitor();
  }

  // -------------------------------------------------------------------------- program

  program(ctx: Children): A.Program | undefined {
    const header = this.node(ctx, 'header');
    const name = header ? this.ident(header.children, 'Identifier') : undefined;
    const declarations = this.statements(this.nodes(ctx, 'declaration'), {});
    if (!header) {
      const first = this.nodes(ctx, 'declaration')[0];
      const span = (first && childSpan(first)) ?? START_OF_FILE;
      this.report(
        'E0101',
        span,
        "expected 'model NAME' at the start of the file",
        'begin the file with a header such as `model my_model`',
      );
      return undefined;
    }
    if (!name) return undefined;
    return { kind: 'Program', span: this.spanOf(ctx), name, declarations };
  }

  header(): undefined {
    return undefined; // read by `program`
  }

  declaration(ctx: Children): Statement | undefined {
    const junk = this.token(ctx, 'junk');
    if (junk) return { kind: 'Junk', token: junk };
    const child = Object.values(ctx).flat()[0];
    return child && isNode(child) ? (this.visit(child) as A.Declaration | undefined) : undefined;
  }

  /** Visit a list of statements, reporting stray tokens and statements misplaced for `place`. */
  private statements(nodes: readonly CstNode[], place: Place): A.Declaration[] {
    const result: A.Declaration[] = [];
    let junk: IToken[] = [];
    let lastLine: number | undefined; // where the last real statement ends
    const flushJunk = () => {
      if (junk.length > 0) this.reportJunk(junk, place, junk[0]!.startLine === lastLine);
      junk = [];
    };
    for (const node of nodes) {
      const statement = this.visit(node) as Statement | undefined;
      if (statement?.kind === 'Junk') {
        // One report per line of stray tokens.
        if (junk.length > 0 && junk[junk.length - 1]!.startLine !== statement.token.startLine) flushJunk();
        junk.push(statement.token);
        continue;
      }
      flushJunk();
      lastLine = node.location?.endLine;
      if (statement && this.allowedIn(statement, place)) result.push(statement);
    }
    flushJunk();
    return result;
  }

  private allowedIn(d: A.Declaration, place: Place): boolean {
    if (place.guide === undefined) {
      if (d.kind === 'FactorDecl' && d.density === 'q') {
        this.report(
          'E0118',
          d.span,
          'a q(...) factor must be inside a guide',
          'put it in a guide block, `guide g { q(z) = Normal(m, s) }`, or write the model\'s factor as p(...)',
        );
        return false;
      }
      return true;
    }
    const where = `guide '${place.guide}'`;
    switch (d.kind) {
      case 'ParamDecl':
      case 'NetDecl':
      case 'LetDecl':
        return true;
      case 'FactorDecl':
        if (d.density === 'q') return true;
        this.report(
          'E0117',
          d.span,
          `a p(...) factor cannot appear inside ${where}`,
          "a guide's factors are written q(...); if this factor belongs to the model, close the guide with '}' before it",
        );
        return false;
      case 'LatentDecl':
        this.report(
          'E0117',
          d.span,
          `latent '${d.name.name}' cannot be declared inside ${where}`,
          'declare latents in the model, and give them q(...) factors in the guide',
        );
        return false;
      default: {
        const keyword = { DimDecl: 'dim', ConstDecl: 'const', DataDecl: 'data', GuideDecl: 'guide', InferDecl: 'infer' }[d.kind];
        this.report(
          'E0117',
          d.span,
          `'${keyword}' declarations cannot appear inside ${where}`,
          'move it to the model, above the guide',
        );
        return false;
      }
    }
  }

  /** Report stray tokens; `trailing` when they follow a complete statement on its line. */
  private reportJunk(tokens: readonly IToken[], place: Place, trailing: boolean): void {
    const first = tokens[0]!;
    const span = joinSpans(tokenSpan(first), tokenSpan(tokens[tokens.length - 1]!));
    const expected = place.guide === undefined ? 'a declaration' : `a param, net, let or q(...) statement in guide '${place.guide}'`;
    if (first.tokenType === Model) {
      this.report('E0102', span, `a file declares one model, but found a second 'model'`, 'put each model in its own file');
      return;
    }
    let hint =
      place.guide === undefined
        ? 'a declaration starts with dim, const, data, latent, param, net, let, p(...), guide or infer'
        : "a guide statement starts with param, net, let or q(...), and the guide ends with '}'";
    if (first.tokenType === RBrace || first.tokenType === RParen || first.tokenType === RBracket) {
      hint = `this '${first.image}' closes nothing; remove it or check the brackets before it`;
    } else if (trailing) {
      hint = 'the statement before it is already complete; is an operator (`+`, `*`, ...) or a comma missing?';
    } else if (first.tokenType === Identifier && tokens[1]?.tokenType === Equals) {
      hint = `to define a value, write \`let ${first.image} = ...\``;
    } else if (first.tokenType === Identifier && tokens[1]?.tokenType === Identifier) {
      // `latnet z : real` reads like a declaration with a misspelt keyword.
      hint = didYouMean(first.image, KEYWORD_NAMES) ?? hint;
    }
    this.report('E0102', span, `expected ${expected}, found ${describeToken(first)}`, hint);
  }

  // ---------------------------------------------------------------------- declarations

  dimDecl(ctx: Children): A.DimDecl | undefined {
    return this.namedValue(ctx, 'DimDecl');
  }

  constDecl(ctx: Children): A.ConstDecl | undefined {
    return this.namedValue(ctx, 'ConstDecl');
  }

  letDecl(ctx: Children): A.LetDecl | undefined {
    return this.namedValue(ctx, 'LetDecl');
  }

  private namedValue<K extends 'DimDecl' | 'ConstDecl' | 'LetDecl'>(ctx: Children, kind: K) {
    const name = this.ident(ctx, 'Identifier');
    const value = this.expr(ctx, 'expression');
    if (!name || !value) return undefined;
    return { kind, span: this.spanOf(ctx), name, value } as Extract<A.Declaration, { kind: K }>;
  }

  dataDecl(ctx: Children): A.DataDecl | undefined {
    const name = this.ident(ctx, 'Identifier');
    const type = this.child<A.TypeExpr>(ctx, 'typeExpr');
    if (!name || !type) return undefined;
    return { kind: 'DataDecl', span: this.spanOf(ctx), name, type };
  }

  variableDecl(ctx: Children): A.LatentDecl | A.ParamDecl | undefined {
    const name = this.ident(ctx, 'Identifier');
    const type = this.child<A.TypeExpr>(ctx, 'typeExpr');
    const init = this.expr(ctx, 'expression');
    if (!name || !type || (this.token(ctx, 'Equals') && !init)) return undefined;
    const explicitLocality = Boolean(ctx.Local || ctx.Global);
    const span = this.spanOf(ctx);
    if (this.token(ctx, 'Latent')) {
      if (init) {
        this.report(
          'E0116',
          init.span,
          `latent '${name.name}' cannot have an initial value`,
          `only parameters take \`= value\`; give the latent a prior instead: \`p(${name.name}) = ...\``,
        );
        return undefined;
      }
      return { kind: 'LatentDecl', span, name, type, locality: ctx.Global ? 'global' : 'local', explicitLocality };
    }
    if (!this.token(ctx, 'Param')) return undefined;
    return { kind: 'ParamDecl', span, name, type, locality: ctx.Local ? 'local' : 'global', explicitLocality, ...(init ? { init } : {}) };
  }

  netDecl(ctx: Children): A.NetDecl | undefined {
    const name = this.ident(ctx, 'Identifier');
    const spec = this.node(ctx, 'netSpec');
    if (!name || !spec) return undefined;
    const c = spec.children as Children;
    const architecture = this.ident(c, 'Identifier');
    const layers = this.nodes(c, 'layers').map((n) => this.visit(n) as A.Expr | undefined);
    const options = this.nodes(c, 'argument').map((n) => this.visit(n) as A.Arg | undefined);
    if (!architecture || !this.token(c, 'RParen') || !allDefined(layers) || !allDefined(options)) return undefined;
    return { kind: 'NetDecl', span: this.spanOf(ctx), name, architecture, layers, options };
  }

  netSpec(): undefined {
    return undefined; // read by `netDecl`
  }

  factor(ctx: Children): A.FactorDecl | undefined {
    const targets = this.variables(this.node(ctx, 'targets'));
    const given = ctx.given ? this.variables(this.node(ctx, 'given')) : [];
    const distribution = this.child<A.Call>(ctx, 'distribution');
    if (!targets || !given || !distribution || !this.token(ctx, 'RParen')) return undefined;
    return { kind: 'FactorDecl', span: this.spanOf(ctx), density: ctx.Q ? 'q' : 'p', targets, given, distribution };
  }

  factorVariables(): undefined {
    return undefined; // read by `factor`
  }

  private variables(node: CstNode | undefined): A.Identifier[] | undefined {
    if (!node) return undefined;
    const names = ((node.children as Children).Identifier ?? []).map((t) => identifierOf(t as IToken));
    return names.length > 0 && allDefined(names) ? names : undefined;
  }

  distribution(ctx: Children): A.Call | undefined {
    return this.call(ctx);
  }

  guideDecl(ctx: Children): A.GuideDecl | undefined {
    const name = this.ident(ctx, 'Identifier');
    if (!name) return undefined;
    const block = this.node(ctx, 'guideBlock');
    const auto = this.node(ctx, 'autoGuide');
    let body: A.GuideBody | undefined;
    if (block) {
      const c = block.children as Children;
      const statements = this.statements(this.nodes(c, 'declaration'), { guide: name.name }) as A.GuideStatement[];
      if (!this.token(c, 'RBrace')) return undefined;
      body = { kind: 'Written', span: nodeSpan(block), statements };
      if (statements.length === 0 && this.nodes(c, 'declaration').length === 0) {
        this.report(
          'E0119',
          nodeSpan(block),
          `guide '${name.name}' is empty`,
          `give each latent a q(...) factor, or use an automatic guide: \`guide ${name.name} = meanfield\``,
        );
      }
    } else if (auto) {
      const c = auto.children as Children;
      const strategy = this.ident(c, 'Identifier');
      const args = c.argumentList ? this.args(this.node(c, 'argumentList')) : [];
      if (!strategy || !args) return undefined;
      body = { kind: 'Auto', span: nodeSpan(auto), strategy, options: args };
    }
    if (!body) return undefined;
    return { kind: 'GuideDecl', span: this.spanOf(ctx), name, body };
  }

  guideBlock(): undefined {
    return undefined; // read by `guideDecl`
  }

  autoGuide(): undefined {
    return undefined; // read by `guideDecl`
  }

  inferDecl(ctx: Children): A.InferDecl | undefined {
    const settings = this.nodes(ctx, 'setting').map((n) => this.visit(n) as A.Setting | undefined);
    if (!allDefined(settings) || !this.token(ctx, 'RBrace')) return undefined;
    return { kind: 'InferDecl', span: this.spanOf(ctx), settings };
  }

  setting(ctx: Children): A.Setting | undefined {
    const key = this.ident(ctx, 'key');
    const value = this.expr(ctx, 'expression');
    if (!key || !value) return undefined;
    return { kind: 'Setting', span: joinSpans(key.span, value.span), key, value };
  }

  typeExpr(ctx: Children): A.TypeExpr | undefined {
    const base = this.ident(ctx, 'Identifier');
    const kindArgs = this.nodes(ctx, 'kindArgs').map((n) => this.visit(n) as A.Expr | undefined);
    const dims = this.nodes(ctx, 'dims').map((n) => this.visit(n) as A.Expr | undefined);
    const closed = (!ctx.LParen || this.token(ctx, 'RParen')) && (!ctx.LBracket || this.token(ctx, 'RBracket'));
    if (!base || !closed || !allDefined(kindArgs) || !allDefined(dims)) return undefined;
    return { kind: 'Type', span: this.spanOf(ctx), base, kindArgs, dims };
  }

  // ------------------------------------------------------------------------ expressions

  expression(ctx: Children): A.Expr | undefined {
    return this.expr(ctx, 'additive');
  }

  additive(ctx: Children): A.Expr | undefined {
    return this.chain(ctx, 'AdditiveOp');
  }

  multiplicative(ctx: Children): A.Expr | undefined {
    return this.chain(ctx, 'MultiplicativeOp');
  }

  /** A left-associative chain `a op b op c` → `(a op b) op c`. */
  private chain(ctx: Children, operatorKey: string): A.Expr | undefined {
    const operands = this.nodes(ctx, 'operands').map((n) => this.visit(n) as A.Expr | undefined);
    const operators = (ctx[operatorKey] ?? []) as IToken[];
    if (!allDefined(operands) || operands.length !== operators.length + 1) return undefined;
    return operands.slice(1).reduce<A.Expr>(
      (left, right, i) => ({ kind: 'Binary', span: joinSpans(left.span, right.span), op: operators[i]!.image as A.BinaryOp, left, right }),
      operands[0]!,
    );
  }

  unary(ctx: Children): A.Expr | undefined {
    const sign = this.token(ctx, 'sign');
    if (!sign) return this.expr(ctx, 'power');
    const operand = this.expr(ctx, 'unary');
    if (!operand) return undefined;
    return { kind: 'Unary', span: joinSpans(tokenSpan(sign), operand.span), op: sign.image as '-' | '+', operand };
  }

  power(ctx: Children): A.Expr | undefined {
    const base = this.expr(ctx, 'postfix');
    if (!ctx.Caret) return base;
    const exponent = this.expr(ctx, 'unary');
    if (!base || !exponent) return undefined;
    return { kind: 'Binary', span: joinSpans(base.span, exponent.span), op: '^', left: base, right: exponent };
  }

  postfix(ctx: Children): A.Expr | undefined {
    let target = this.expr(ctx, 'primary');
    for (const suffix of this.nodes(ctx, 'indexSuffix')) {
      const c = suffix.children as Children;
      const items = this.nodes(c, 'indexItem').map((n) => this.visit(n) as A.IndexItem | undefined);
      if (!target || !allDefined(items) || !this.token(c, 'RBracket')) return undefined;
      target = { kind: 'Index', span: joinSpans(target.span, nodeSpan(suffix)), target, items };
    }
    return target;
  }

  indexSuffix(): undefined {
    return undefined; // read by `postfix`
  }

  indexItem(ctx: Children): A.IndexItem | undefined {
    const start = this.expr(ctx, 'start');
    const end = this.expr(ctx, 'end');
    if ((ctx.start && !start) || (ctx.end && !end)) return undefined;
    if (!ctx.Colon) return start ? { kind: 'At', span: start.span, index: start } : undefined;
    return { kind: 'Slice', span: this.spanOf(ctx), ...(start ? { start } : {}), ...(end ? { end } : {}) };
  }

  primary(ctx: Children): A.Expr | undefined {
    const number = this.token(ctx, 'NumberLiteral');
    if (number) {
      const value = Number(number.image);
      // Malformed and overflowing numbers were reported by the lexer.
      if (!Number.isFinite(value)) return undefined;
      return { kind: 'Number', span: tokenSpan(number), value, isInteger: /^\d+$/.test(number.image) };
    }
    if (ctx.LParen) return this.token(ctx, 'RParen') ? this.expr(ctx, 'expression') : undefined;
    return this.expr(ctx, 'nameOrCall') ?? this.expr(ctx, 'vectorLiteral');
  }

  nameOrCall(ctx: Children): A.NameRef | A.Call | undefined {
    if (ctx.argumentList) return this.call(ctx);
    const name = this.ident(ctx, 'Identifier');
    return name ? { kind: 'Name', span: name.span, name: name.name } : undefined;
  }

  private call(ctx: Children): A.Call | undefined {
    const callee = this.ident(ctx, 'Identifier');
    const list = this.node(ctx, 'argumentList');
    const args = this.args(list);
    if (!callee || !list || !args) return undefined;
    return { kind: 'Call', span: joinSpans(callee.span, nodeSpan(list)), callee, args };
  }

  private args(list: CstNode | undefined): A.Arg[] | undefined {
    if (!list) return undefined;
    const c = list.children as Children;
    const args = this.nodes(c, 'argument').map((n) => this.visit(n) as A.Arg | undefined);
    return allDefined(args) && this.token(c, 'RParen') ? args : undefined;
  }

  argumentList(): undefined {
    return undefined; // read by `call`
  }

  argument(ctx: Children): A.Arg | undefined {
    const value = this.expr(ctx, 'expression');
    if (!value) return undefined;
    if (!ctx.name) return { kind: 'Arg', span: value.span, value };
    const name = this.ident(ctx, 'name');
    if (!name || !this.token(ctx, 'Equals')) return undefined;
    return { kind: 'Arg', span: joinSpans(name.span, value.span), name, value };
  }

  vectorLiteral(ctx: Children): A.VectorLit | undefined {
    const elements = this.nodes(ctx, 'expression').map((n) => this.visit(n) as A.Expr | undefined);
    if (!allDefined(elements) || elements.length === 0 || !this.token(ctx, 'RBracket')) return undefined;
    return { kind: 'Vector', span: this.spanOf(ctx), elements };
  }

  // ---------------------------------------------------------------------------- helpers

  private report(code: string, span: Span, message: string, hint: string): void {
    this.diagnostics.push({ code, severity: 'error', file: this.file, span, message, hint });
  }

  /** The `i`-th child node under `key`, unless recovery left it out. */
  private node(ctx: Children, key: string): CstNode | undefined {
    const n = ctx[key]?.[0];
    return n && isNode(n) ? n : undefined;
  }

  private nodes(ctx: Children, key: string): CstNode[] {
    return (ctx[key] ?? []).filter(isNode);
  }

  /** A real (not recovery-inserted) token under `key`. */
  private token(ctx: Children, key: string): IToken | undefined {
    const t = ctx[key]?.[0];
    return t && !isNode(t) && !t.isInsertedInRecovery ? t : undefined;
  }

  private ident(ctx: Children, key: string): A.Identifier | undefined {
    const t = this.token(ctx, key);
    return t ? identifierOf(t) : undefined;
  }

  private child<T>(ctx: Children, key: string): T | undefined {
    const n = this.node(ctx, key);
    return n ? (this.visit(n) as T | undefined) : undefined;
  }

  private expr(ctx: Children, key: string): A.Expr | undefined {
    return this.child<A.Expr>(ctx, key);
  }

  /** The span covering every child of `ctx` (tokens and located child nodes). */
  private spanOf(ctx: Children): Span {
    let first: Span | undefined;
    let last: Span | undefined;
    for (const children of Object.values(ctx)) {
      for (const c of children ?? []) {
        const span = childSpan(c);
        if (!span) continue;
        if (!first || span.start < first.start) first = span;
        if (!last || span.end > last.end) last = span;
      }
    }
    if (!first || !last) throw new InternalError('AST builder: a complete syntax node has no source position');
    return joinSpans(first, last);
  }
}

/** The span of a token or located node; undefined for what recovery invented. */
function childSpan(c: CstNode | IToken): Span | undefined {
  if (!isNode(c)) return c.isInsertedInRecovery ? undefined : tokenSpan(c);
  return c.location && !Number.isNaN(c.location.startOffset) ? nodeSpan(c) : undefined;
}

const START_OF_FILE: Span = { start: 0, end: 0, startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };

function isNode(x: CstNode | IToken): x is CstNode {
  return 'children' in x;
}

function identifierOf(token: IToken): A.Identifier {
  return { kind: 'Identifier', span: tokenSpan(token), name: token.image };
}

/** The span of a CST node, from chevrotain's location tracking. */
function nodeSpan(node: CstNode): Span {
  const l = node.location!;
  return {
    start: l.startOffset,
    end: l.endOffset! + 1,
    startLine: l.startLine!,
    startColumn: l.startColumn!,
    endLine: l.endLine!,
    endColumn: l.endColumn! + 1,
  };
}

function allDefined<T>(items: readonly (T | undefined)[]): items is T[] {
  return items.every((x) => x !== undefined);
}

/** Build the AST of a parsed file; `program` is undefined when a required part is missing. */
export function buildAst(cst: CstNode, file: SourceFile): { program?: A.Program; diagnostics: Diagnostic[] } {
  const builder = new AstBuilder(file);
  const program = builder.visit(cst) as A.Program | undefined;
  return { program, diagnostics: builder.diagnostics };
}
