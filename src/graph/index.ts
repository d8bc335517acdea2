/**
 * The computation graph: the IR between the checker and the inference engine (`ir.ts`), the
 * lowering that builds it (`lower.ts`), its JSON dumps (`emit-json.ts`), its plate diagram
 * (`plate-diagram.ts`) and a text summary (`summary.ts`).
 */
export type * from './ir.js';
export { lowerToGraph } from './lower.js';
export { emitAst, emitIr, formatSpan } from './emit-json.js';
export { toDot, type DotOptions } from './plate-diagram.js';
export { graphSummary } from './summary.js';
export { topologicalOrder } from './topological-order.js';
/** Node ids an expression reads directly (not through lets), in first-use order. */
export { directRefs } from '../lang/check/index.js';
