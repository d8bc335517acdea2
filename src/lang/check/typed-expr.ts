/**
 * Typed expressions: the checker's output for every expression, and what the engine interprets.
 *
 * Each node carries its static *row shape* (the shape of one data row's value, without the data
 * plate and Monte Carlo sample axes), its locality (local = varies per row), its dtype and, when
 * it is a compile-time constant, its folded value. Names are resolved to symbol ids. Plain data:
 * JSON-serializable.
 */
import type { Locality } from '../ast.js';
import type { Span } from '../span.js';

export type DType = 'float' | 'int';

/** A folded constant: a number or a nested array of numbers in row-major order. */
export type ConstValue = number | readonly ConstValue[];

/** Element-wise built-in functions of one argument. */
export type ElementwiseFn =
  | 'exp' | 'log' | 'sqrt' | 'abs' | 'softplus' | 'sigmoid' | 'tanh' | 'relu' | 'log1p' | 'expm1' | 'square';

/** Built-ins that reduce or rearrange axes; `axis` (row-shape axis, ≥ 0) where it applies. */
export type AxisFn = 'sum' | 'logsumexp' | 'softmax' | 'transpose' | 'dot';

export type BinaryFn = 'add' | 'sub' | 'mul' | 'div' | 'pow' | 'matmul';

/** What a symbol reference points at. */
export type RefKind = 'data' | 'latent' | 'param' | 'let';

interface Info {
  readonly rowShape: readonly number[];
  readonly locality: Locality;
  readonly dtype: DType;
  /** The folded value when the expression is a compile-time constant. */
  readonly constant?: ConstValue;
  readonly span: Span;
}

/** One position of an index: a constant index (drops the axis), a slice (keeps it), or a gather. */
export type TypedIndex =
  | { readonly kind: 'at'; readonly index: number }
  | { readonly kind: 'slice'; readonly start: number; readonly end: number }
  /** Index by a scalar integer expression varying per row or sample (e.g. a category latent). */
  | { readonly kind: 'gather'; readonly index: TypedExpr };

export type TypedExpr = Info &
  (
    | { readonly op: 'const' }
    | { readonly op: 'ref'; readonly id: string; readonly refKind: RefKind }
    | { readonly op: 'neg'; readonly arg: TypedExpr }
    | { readonly op: 'binary'; readonly fn: BinaryFn; readonly left: TypedExpr; readonly right: TypedExpr }
    | { readonly op: 'elementwise'; readonly fn: ElementwiseFn; readonly arg: TypedExpr }
    /**
     * `sum`/`logsumexp` reduce `axis` (all row axes when absent); `softmax` normalizes over `axis`;
     * `transpose` swaps the last two axes; `dot` multiplies and sums over the last axis.
     */
    | { readonly op: 'axis'; readonly fn: AxisFn; readonly args: readonly TypedExpr[]; readonly axis?: number }
    /** A network applied to `input`; a scalar input is fed as a vector of size 1, and a size-1 output is squeezed back when the input was scalar. */
    | { readonly op: 'net'; readonly net: string; readonly input: TypedExpr }
    | { readonly op: 'index'; readonly target: TypedExpr; readonly items: readonly TypedIndex[] }
    /** `[a, b, …]`: stacks equal-shaped elements along a new leading axis. */
    | { readonly op: 'vector'; readonly elements: readonly TypedExpr[] }
  );

/** Symbol ids an expression reads directly (not through lets), in first-use order. */
export function directRefs(expr: TypedExpr): string[] {
  const out = new Set<string>();
  const visit = (e: TypedExpr): void => {
    switch (e.op) {
      case 'const': return;
      case 'ref': out.add(e.id); return;
      case 'neg': case 'elementwise': visit(e.arg); return;
      case 'binary': visit(e.left); visit(e.right); return;
      case 'axis': e.args.forEach(visit); return;
      case 'net': out.add(e.net); visit(e.input); return;
      case 'index':
        visit(e.target);
        for (const item of e.items) if (item.kind === 'gather') visit(item.index);
        return;
      case 'vector': e.elements.forEach(visit); return;
    }
  };
  visit(expr);
  return [...out];
}
