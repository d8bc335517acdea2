/** The names an (unchecked) expression mentions, for cycle detection before anything is resolved. */
import type { Expr } from '../ast.js';

/** Every name referenced in `e` (including call arguments, not callees). */
export function namesIn(e: Expr, out: Set<string> = new Set()): Set<string> {
  switch (e.kind) {
    case 'Number': break;
    case 'Name': out.add(e.name); break;
    case 'Unary': namesIn(e.operand, out); break;
    case 'Binary': namesIn(e.left, out); namesIn(e.right, out); break;
    case 'Call': for (const a of e.args) namesIn(a.value, out); break;
    case 'Vector': for (const x of e.elements) namesIn(x, out); break;
    case 'Index':
      namesIn(e.target, out);
      for (const item of e.items) {
        if (item.kind === 'At') namesIn(item.index, out);
        else for (const b of [item.start, item.end]) if (b !== undefined) namesIn(b, out);
      }
      break;
  }
  return out;
}
