/** End to end on shipped models (part a; the other part is e2e-models-b.test.ts). */
import { beforeAll } from 'vitest';
import { ensureBuilt } from './helpers.js';
import { describeModel, MODELS } from './model-cases.js';

beforeAll(() => ensureBuilt(), 300_000);

for (const c of MODELS.filter((m) => ['blr', 'eight_schools', 'gamma_poisson', 'ppca'].includes(m.model))) describeModel(c);
