/**
 * Runs before every test file: selects the tfjs backend the suite runs on (WASM by default, the
 * backend users get; `VMODEL_BACKEND=cpu npm test` runs everything on the pure-JS kernels instead)
 * and silences tfjs's advice to install tfjs-node, which cannot be installed offline.
 */
import * as tf from '@tensorflow/tfjs';
import { parseBackendName, selectBackend } from '../src/runtime/backend.js';

tf.env().set('IS_TEST', true);
await selectBackend(parseBackendName(process.env.VMODEL_BACKEND ?? 'wasm'));
