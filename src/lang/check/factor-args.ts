/**
 * Binding a factor's arguments to its family's parameters: positional in parameter order or
 * named, with unknown names, duplicates, missing required parameters and `oneOf` groups checked.
 */
import type { Arg } from '../ast.js';
import type { FamilyDescription } from '../../distributions/family.js';
import type { Reporter } from './reporter.js';
import { didYouMean } from '../suggest.js';

/** Each given argument by parameter name; `undefined` when binding failed (errors reported). */
export function bindArguments(family: FamilyDescription, args: readonly Arg[], reporter: Reporter, callSpan: Arg['span']): Map<string, Arg> | undefined {
  const names = family.params.map((p) => p.name);
  const groups = family.oneOf ?? [];
  const bound = new Map<string, Arg>();
  let ok = true;
  let sawNamed = false;
  // Positional arguments fill parameters in order, skipping alternatives already chosen by name.
  const positionalOrder = names.filter((n) => !args.some((a) => a.name !== undefined && groups.some((g) => g.includes(n) && g.includes(a.name!.name) && a.name!.name !== n)));
  let next = 0;
  for (const arg of args) {
    let name: string;
    if (arg.name !== undefined) {
      sawNamed = true;
      name = arg.name.name;
      if (!names.includes(name)) {
        reporter.report('E0505', arg.name.span, `${family.name} has no parameter '${name}'`, didYouMean(name, names) ?? `its parameters are ${names.join(', ')}`);
        ok = false;
        continue;
      }
    } else {
      if (sawNamed) {
        reporter.report('E0508', arg.span, `positional argument after a named one in ${family.name}(…)`, 'put positional arguments first, or name this one');
        ok = false;
        continue;
      }
      while (next < positionalOrder.length && bound.has(positionalOrder[next]!)) next++;
      const candidate = positionalOrder[next];
      if (candidate === undefined) {
        reporter.report('E0508', arg.span, `${family.name} takes at most ${positionalOrder.length} argument${positionalOrder.length === 1 ? '' : 's'} (${names.join(', ')})`, 'remove the extra argument');
        ok = false;
        continue;
      }
      name = candidate;
      next++;
    }
    const previous = bound.get(name);
    if (previous !== undefined) {
      reporter.report('E0507', arg.span, `'${name}' of ${family.name} is given twice`, 'give each parameter once', [{ span: previous.span, message: 'first given here' }]);
      ok = false;
      continue;
    }
    bound.set(name, arg);
  }
  for (const group of groups) {
    const given = group.filter((n) => bound.has(n));
    if (given.length > 1) {
      reporter.report('E0507', bound.get(given[1]!)!.span, `${family.name} takes only one of ${group.map((g) => `'${g}'`).join(', ')}, got ${given.map((g) => `'${g}'`).join(' and ')}`, `keep exactly one of ${group.join(' | ')}`);
      ok = false;
    } else if (given.length === 0 && ok) {
      reporter.report('E0506', callSpan, `${family.name} needs one of ${group.map((g) => `'${g}'`).join(' or ')}`, `e.g. ${family.name}(${group[0]} = …)`);
      ok = false;
    }
  }
  const inGroup = new Set(groups.flat());
  const missing = family.params.filter((p) => !inGroup.has(p.name) && p.default === undefined && !bound.has(p.name));
  if (missing.length > 0 && ok) {
    reporter.report('E0506', callSpan, `${family.name} is missing ${missing.map((p) => `'${p.name}'`).join(' and ')}`, `its parameters are ${names.join(', ')}`);
    ok = false;
  }
  return ok ? bound : undefined;
}
