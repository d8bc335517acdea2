/**
 * The tensor runtime under everything else: which tfjs backend runs the kernels (chosen by
 * measurement, overridable with --backend), composite kernels (ops with hand-written, lazily
 * evaluated gradients), and the explicit, seeded random number generator that every random draw
 * comes from.
 */
export {
  AUTO_ORDER,
  BACKEND_PREFERENCES,
  BackendError,
  parseBackendName,
  selectBackend,
  type BackendInfo,
  type BackendName,
  type BackendPreference,
  type ModuleImporter,
  type SelectOptions,
} from './backend.js';
export { Rng, type RngState } from './rng.js';
export { runComposite, type CompositeKernel } from './composite-kernel.js';
