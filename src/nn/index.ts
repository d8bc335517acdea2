/**
 * Neural-network building blocks: dense layers and MLPs as plain sets of tf.Variables with pure
 * `apply` functions, seeded initializers, and activations; plus the Bernoulli-logits
 * log-likelihood (the VAE decoder's loss). Both run as composite kernels with hand-written
 * gradients: the dense product avoids the WASM backend's slow transposed matMul, the likelihood
 * avoids its slow per-element softplus (docs/performance.md).
 */
export { ACTIVATIONS, activate, activationBackward, isActivation, parseActivation, type Activation } from './activations.js';
export { INITIALIZERS, initialDense, parseInitializer, type Initializer } from './initializers.js';
export { DENSE_KERNEL, denseOp } from './dense-op.js';
export { applyDense, createDense, denseVariables, type DenseOptions, type DenseParams } from './dense.js';
export { applyMlp, createMlp, disposeMlp, mlpVariables, type Mlp, type MlpOptions, type MlpSpec } from './mlp.js';
export { bernoulliLogLik } from './bernoulli-loglik.js';
