/** The family registry: built-ins are registered, and malformed or duplicate specs are rejected clearly. */
import { afterEach, expect, test } from 'vitest';
import {
  builtinFamilies,
  constraints,
  familyNames,
  getFamily,
  Normal,
  registerFamily,
  unregisterFamily,
  type FamilySpec,
} from '../../src/distributions/index.js';

afterEach(() => {
  unregisterFamily('Shifted');
});

const valid: FamilySpec = {
  name: 'Shifted',
  params: [{ name: 'loc', constraint: constraints.real, eventRank: 0 }],
  support: () => constraints.real,
  eventShape: () => [],
  discrete: false,
  hasRsample: true,
  create: (p) => new Normal(p.loc!, 1),
};

test('all built-in families are registered under their names, sorted for listings', () => {
  const names = familyNames();
  expect(names).toEqual([...names].sort());
  for (const spec of builtinFamilies) expect(getFamily(spec.name)).toBe(spec);
  expect(names).toHaveLength(21);
  expect(getFamily('Nromal')).toBeUndefined();
});

test('a new family becomes visible, and can be removed again', () => {
  registerFamily(valid);
  expect(familyNames()).toContain('Shifted');
  expect(unregisterFamily('Shifted')).toBe(true);
  expect(getFamily('Shifted')).toBeUndefined();
});

test('duplicates need an explicit replace', () => {
  registerFamily(valid);
  expect(() => registerFamily(valid)).toThrow("registerFamily(Shifted): a family named 'Shifted' is already registered");
  expect(() => registerFamily({ ...valid, summary: 'v2' }, { replace: true })).not.toThrow();
  expect(getFamily('Shifted')!.summary).toBe('v2');
});

test.each([
  [{ ...valid, name: 'not a name' }, `registerFamily(not a name): 'name' must be an identifier, got "not a name"`],
  [{ ...valid, params: [valid.params[0]!, valid.params[0]!] }, 'registerFamily(Shifted): parameter names must be distinct strings, got "loc"'],
  [{ ...valid, params: [{ name: 'loc', eventRank: 0 }] }, "registerFamily(Shifted): parameter 'loc' needs a constraint from the constraints module"],
  [{ ...valid, params: [{ ...valid.params[0]!, eventRank: -1 }] }, "registerFamily(Shifted): parameter 'loc' needs a non-negative integer eventRank"],
  [{ ...valid, oneOf: [['loc', 'scale']] }, "registerFamily(Shifted): oneOf names 'scale', which is not a parameter"],
  [{ ...valid, create: undefined }, "registerFamily(Shifted): 'create' must be a function"],
])('malformed spec %#', (spec, message) => {
  expect(() => registerFamily(spec as unknown as FamilySpec)).toThrow(message);
});
