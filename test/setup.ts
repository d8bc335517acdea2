/**
 * Runs before every test file: selects the tfjs backend the suite runs on — WASM by default, the
 * backend users get; `VMODEL_BACKEND=cpu npm test` runs everything on the pure-JS kernels instead.
 */
import { parseBackendName, selectBackend } from '../src/runtime/backend.js';

await selectBackend(parseBackendName(process.env.VMODEL_BACKEND ?? 'wasm'));
