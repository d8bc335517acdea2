/** Small helpers for checker tests: compile a source string and look at codes, messages, symbols. */
import { compileSource } from '../../../src/lang/compile.js';
import type { CheckedModel, TypedExpr } from '../../../src/lang/check/index.js';
import type { Diagnostic } from '../../../src/lang/diagnostics.js';

export function check(text: string): { model?: CheckedModel; diagnostics: readonly Diagnostic[] } {
  const r = compileSource({ path: 'test.vmodel', text }, { stopAfter: 'check' });
  const syntax = r.diagnostics.filter((d) => /^E01/.test(d.code));
  if (syntax.length > 0) throw new Error(`test program has syntax errors: ${syntax.map((d) => d.message).join('; ')}`);
  return { model: r.model, diagnostics: r.diagnostics };
}

/** The diagnostic codes, in order. */
export function codes(text: string): string[] {
  return check(text).diagnostics.map((d) => d.code);
}

/** The only diagnostic, asserting there is exactly one. */
export function only(text: string): Diagnostic {
  const ds = check(text).diagnostics;
  if (ds.length !== 1) throw new Error(`expected one diagnostic, got ${ds.length}: ${ds.map((d) => `${d.code} ${d.message}`).join(' | ')}`);
  return ds[0]!;
}

/** A checked model, asserting there are no errors (warnings such as unused lets are allowed). */
export function clean(text: string): CheckedModel {
  const { model, diagnostics } = check(text);
  if (diagnostics.some((d) => d.severity === 'error') || model === undefined) throw new Error(`unexpected diagnostics: ${diagnostics.map((d) => `${d.code} ${d.message}`).join(' | ')}`);
  return model;
}

/** The typed expression of a let in a clean model. */
export function letExpr(model: CheckedModel, name: string): TypedExpr {
  const sym = model.symbols.get(name);
  if (sym?.kind !== 'let' || sym.expr === undefined) throw new Error(`no let '${name}'`);
  return sym.expr;
}

/** A minimal valid model around some declarations, for looking at the lets they define. */
export function around(decls: string): string {
  return `model t\n${decls}\ndata y : real\np(y) = Normal(0, 1)\n`;
}
