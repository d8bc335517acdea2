/** End to end on shipped models (part b; the other part is e2e-models-a.test.ts). */
import { beforeAll } from 'vitest';
import { ensureBuilt } from './helpers.js';
import { describeModel, MODELS } from './model-cases.js';

beforeAll(() => ensureBuilt(), 300_000);

for (const c of MODELS.filter((m) => ['gmm', 'gmm_diag', 'bernoulli_mixture', 'vae'].includes(m.model))) describeModel(c);
