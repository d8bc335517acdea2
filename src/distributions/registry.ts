/**
 * The family registry: every family the language can name, built-in or added by a plugin.
 * The checker resolves `Normal(…)` through `getFamily`, and suggests names from `familyNames`.
 */
import type { FamilySpec } from './family.js';
import { DistributionError } from './validation.js';

const families = new Map<string, FamilySpec>();

/**
 * Add a family. Throws a `DistributionError` when the spec is malformed or the name is taken
 * (pass `{ replace: true }` to override deliberately).
 */
export function registerFamily(spec: FamilySpec, options: { replace?: boolean } = {}): void {
  const where = `registerFamily(${spec?.name ?? '?'})`;
  if (typeof spec?.name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(spec.name)) {
    throw new DistributionError(`${where}: 'name' must be an identifier, got ${JSON.stringify(spec?.name)}`);
  }
  if (families.has(spec.name) && !options.replace) {
    throw new DistributionError(`${where}: a family named '${spec.name}' is already registered`);
  }
  if (!Array.isArray(spec.params)) throw new DistributionError(`${where}: 'params' must be an array of ParamSpec`);
  const names = new Set<string>();
  for (const p of spec.params) {
    if (typeof p?.name !== 'string' || names.has(p.name)) {
      throw new DistributionError(`${where}: parameter names must be distinct strings, got ${JSON.stringify(p?.name)}`);
    }
    if (!p.constraint || typeof p.constraint.contains !== 'function') {
      throw new DistributionError(`${where}: parameter '${p.name}' needs a constraint from the constraints module`);
    }
    if (!Number.isInteger(p.eventRank) || p.eventRank < 0) {
      throw new DistributionError(`${where}: parameter '${p.name}' needs a non-negative integer eventRank`);
    }
    names.add(p.name);
  }
  for (const group of spec.oneOf ?? []) {
    const unknown = group.find((n) => !names.has(n));
    if (unknown) throw new DistributionError(`${where}: oneOf names '${unknown}', which is not a parameter`);
  }
  for (const fn of ['support', 'eventShape', 'create'] as const) {
    if (typeof spec[fn] !== 'function') throw new DistributionError(`${where}: '${fn}' must be a function`);
  }
  families.set(spec.name, spec);
}

/** The family called `name`, or undefined. */
export function getFamily(name: string): FamilySpec | undefined {
  return families.get(name);
}

/** Every registered family name, sorted (for listings and "did you mean"). */
export function familyNames(): string[] {
  return [...families.keys()].sort();
}

/** Remove a family (tests and plugin reloading). Returns whether it was registered. */
export function unregisterFamily(name: string): boolean {
  return families.delete(name);
}
