/**
 * The checker: the stage between the AST and the graph IR. It resolves names, folds dims and
 * constants, infers every expression's row shape, locality and dtype, binds factor arguments to
 * the registry's family specs (parameter constraints, supports, event shapes), validates
 * conditioning sets, locality, guides and the infer block, and reports located diagnostics with
 * fix hints. Families are read only from the distribution registry, so plugins are checked like
 * built-ins. It imports the registry and the built-in descriptions, not the distributions index,
 * so that compiling a model never loads tfjs.
 */
import type { Program } from '../ast.js';
import type { Diagnostic } from '../diagnostics.js';
import type { SourceFile } from '../span.js';
import { builtinFamilies } from '../../distributions/builtins.js';
import { familyNames, getFamily } from '../../distributions/registry.js';
import type { CheckedModel } from './checked-model.js';
import { checkProgramWith } from './check-program.js';
import { familyRegistry, type FamilyRegistry } from './family-registry.js';

export type { CheckedModel, CheckedFactor, CheckedGuide, AutoGuideStrategy, AutoGuideOptions } from './checked-model.js';
export type { InferSettings, InferMethod, Objective, Optimizer } from './infer-settings.js';
export type { Sym, SymbolKind, Activation, NetInfo, Owner } from './symbols.js';
export { MODEL_OWNER } from './symbols.js';
export type { TypedExpr, TypedIndex, ConstValue, DType, ElementwiseFn, AxisFn, BinaryFn, RefKind } from './typed-expr.js';
export { directRefs } from './typed-expr.js';
export type { ValueType } from './value-type.js';
export { formatType } from './value-type.js';
export { familyRegistry, type FamilyRegistry } from './family-registry.js';
export { checkProgramWith } from './check-program.js';

/** The registry of built-in and registered plugin families, as the checker sees it. */
export const defaultFamilies: FamilyRegistry = familyRegistry(getFamily, familyNames, builtinFamilies.map((f) => f.name));

/** Check a parsed program against the distribution registry. */
export function checkProgram(program: Program, file: SourceFile): { model?: CheckedModel; diagnostics: Diagnostic[] } {
  return checkProgramWith(program, file, defaultFamilies);
}
