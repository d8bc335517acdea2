/** Every model in models/ has an end-to-end case. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from './helpers.js';
import { MODELS } from './model-cases.js';

it('every shipped model is covered by the end-to-end tests', () => {
  const shipped = readdirSync(join(ROOT, 'models')).filter((f) => f.endsWith('.vmodel')).map((f) => f.replace(/\.vmodel$/, '')).sort();
  expect(MODELS.map((m) => m.model).sort()).toEqual(shipped);
});
