/**
 * Plugins: one JavaScript or TypeScript module that adds families (and optionally KL pairs and
 * transforms) through the public API. The CLI imports the file (`--plugin file`) and hands the
 * module to `installPlugin`. A plugin module does ONE of:
 *
 *   export function register(api) { … api.registerFamily(spec) … }   // preferred: needs no imports
 *   export default [spec1, spec2]                                     // or a single FamilySpec
 *
 * `api` is this package's public face (`src/distributions/index.ts`): Distribution, constraints,
 * transforms, registerFamily, registerKL, registerTransform, numerics helpers, and so on.
 */
import type { FamilySpec } from './family.js';
import * as api from './index.js';
import { registerFamily } from './registry.js';
import { DistributionError } from './validation.js';

export type DistributionsApi = typeof api;

export interface PluginModule {
  readonly register?: (distributions: DistributionsApi) => void;
  readonly default?: FamilySpec | readonly FamilySpec[] | ((distributions: DistributionsApi) => void);
}

/**
 * Install a loaded plugin module; returns the names of the families it added.
 * `source` names the plugin in error messages (usually its path).
 */
export function installPlugin(module: PluginModule, source = 'plugin'): string[] {
  const before = new Set(api.familyNames());
  const entry = module?.register ?? module?.default;
  if (typeof entry !== 'function' && !(entry && typeof entry === 'object')) {
    throw new DistributionError(
      `${source}: a plugin must export a function 'register(api)' or default-export FamilySpec objects`,
    );
  }
  try {
    if (typeof entry === 'function') entry(api);
    else for (const spec of Array.isArray(entry) ? entry : [entry as FamilySpec]) registerFamily(spec);
  } catch (e) {
    // Name the plugin: the CLI reports this as a user error, not a crash.
    throw new DistributionError(`${source}: ${(e as Error)?.message ?? String(e)}`, { cause: e });
  }
  return api.familyNames().filter((n) => !before.has(n));
}
