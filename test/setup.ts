/**
 * Runs before every test file: selects the tfjs backend the suite runs on — WASM by default, the
 * backend users get; `VMODEL_BACKEND=cpu npm test` runs everything on the pure-JS kernels instead.
 * One WASM thread (vitest.config.ts sets VMODEL_THREADS=1): test files already run in parallel,
 * and test/runtime/wasm-threads.test.ts covers the threaded build.
 */
import { parseBackendName, selectBackend } from '../src/runtime/backend.js';

await selectBackend(parseBackendName(process.env.VMODEL_BACKEND ?? 'wasm'));
