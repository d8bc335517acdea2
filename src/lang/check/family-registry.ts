/**
 * The checker's view of the distribution registry: look-up by name, all names for suggestions,
 * and the families whose support equals a given constraint (for "use … instead" hints).
 */
import type { Constraint } from '../../distributions/constraints/index.js';
import type { FamilyDescription } from '../../distributions/family.js';
import { sameAlmostEverywhere } from './support-match.js';

export interface FamilyRegistry {
  get(name: string): FamilyDescription | undefined;
  names(): string[];
  /** Names of scalar families whose support (for scalar parameters) equals `support` almost everywhere. */
  withSupport(support: Constraint): string[];
}

/**
 * A `FamilyRegistry` over look-up functions such as the distribution registry's. `preferred`
 * lists names to suggest first (the built-ins in their registration order, most common first).
 */
export function familyRegistry(get: (name: string) => FamilyDescription | undefined, names: () => string[], preferred: readonly string[] = []): FamilyRegistry {
  const rank = (n: string): number => {
    const i = preferred.indexOf(n);
    return i < 0 ? preferred.length : i;
  };
  return {
    get,
    names,
    withSupport(support) {
      return [...names()].sort((a, b) => rank(a) - rank(b)).filter((n) => {
        const f = get(n);
        if (f === undefined || f.params.some((p) => p.eventRank > 0)) return false;
        try {
          const query = { eventShapes: Object.fromEntries(f.params.map((p) => [p.name, []])), constants: {} };
          return f.eventShape(query).length === 0 && sameAlmostEverywhere(support, f.support(query));
        } catch {
          return false;
        }
      });
    },
  };
}
