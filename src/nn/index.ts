/**
 * Neural-network building blocks: dense layers and MLPs as plain sets of tf.Variables with pure
 * `apply` functions, seeded initializers, and activations. The dense layer runs as a composite
 * kernel with a hand-written gradient that avoids the WASM backend's slow transposed matMul
 * (docs/performance.md).
 */
export { ACTIVATIONS, activate, activationBackward, isActivation, parseActivation, type Activation } from './activations.js';
export { INITIALIZERS, initialDense, parseInitializer, type Initializer } from './initializers.js';
export { DENSE_KERNEL, denseOp } from './dense-op.js';
export { applyDense, createDense, denseVariables, type DenseOptions, type DenseParams } from './dense.js';
export { applyMlp, createMlp, disposeMlp, mlpVariables, type Mlp, type MlpOptions, type MlpSpec } from './mlp.js';
