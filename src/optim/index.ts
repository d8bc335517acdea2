/**
 * Optimizers for the parameters θ: Adam, SGD (momentum, Nesterov) and RMSprop with torch's
 * numerics, learning-rate schedules as data, global-norm clipping, and explicit JSON-safe state
 * (`state()` / `load()`) so training can be checkpointed and resumed exactly.
 *
 *   const opt = adam(mlpVariables(net), { lr: 1e-3 });
 *   const loss = opt.minimize(() => negativeElbo());   // one step
 */
export { adam, type AdamOptions } from './adam.js';
export { sgd, type SgdOptions } from './sgd.js';
export { rmsprop, type RmspropOptions } from './rmsprop.js';
export { Optimizer, type CommonOptions, type OptimizerState, type SavedTensor, type UpdateRule } from './optimizer.js';
export { learningRate, toSchedule, type Schedule } from './schedules.js';
export { clipByGlobalNorm, globalNorm } from './clip.js';
