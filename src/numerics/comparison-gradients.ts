/**
 * Zero gradients for tfjs's comparison and logical kernels.
 *
 * Comparisons are piecewise constant, so their derivative is zero wherever it exists; tfjs ships
 * that gradient for GreaterEqual only, and any other comparison whose input depends on a
 * differentiated value makes `tf.grad` throw ("gradient function not found for Less"), even when
 * the comparison only builds a mask for `tf.where`. Registering the true (zero) gradient once lets
 * support masks, samplers and `where` selections sit anywhere in a differentiated computation.
 */
import * as tf from '@tensorflow/tfjs';

const BINARY = ['Less', 'LessEqual', 'Greater', 'Equal', 'NotEqual', 'LogicalAnd', 'LogicalOr'] as const;
const UNARY = ['LogicalNot', 'All', 'Any'] as const;

function zeroGradient(kernelName: string, inputs: readonly string[]): void {
  if (tf.getGradient(kernelName) !== undefined) return;
  tf.registerGradient({
    kernelName,
    inputsToSave: [...inputs],
    gradFunc: (_dy, saved) => Object.fromEntries(inputs.map((name, i) => [name, () => tf.zeros(saved[i]!.shape)])), // float32 even for boolean inputs
  });
}

for (const name of BINARY) zeroGradient(name, ['a', 'b']);
for (const name of UNARY) zeroGradient(name, ['x']);
