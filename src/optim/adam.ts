/**
 * Adam (Kingma & Ba, 2015) with torch.optim.Adam's numerics:
 *   m ← β₁ m + (1 − β₁) g          v ← β₂ v + (1 − β₂) g²
 *   p ← p − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
 * computed as p ← p − (lr·√(1 − β₂ᵗ) / (1 − β₁ᵗ)) · m / (√v + ε·√(1 − β₂ᵗ)), the same quantity
 * with the bias corrections folded into two scalars: one pass over p fewer per step.
 */
import * as tf from '@tensorflow/tfjs';
import { fusedKernels } from '../runtime/wasm-kernels.js';
import { Optimizer, type CommonOptions, type UpdateRule } from './optimizer.js';

export interface AdamOptions extends CommonOptions {
  readonly beta1?: number;
  readonly beta2?: number;
  readonly eps?: number;
}

export function adam(variables: readonly tf.Variable[], options: AdamOptions): Optimizer {
  const beta1 = options.beta1 ?? 0.9;
  const beta2 = options.beta2 ?? 0.999;
  const eps = options.eps ?? 1e-8;
  for (const [name, b] of [['beta1', beta1], ['beta2', beta2]] as const) {
    if (!(b >= 0 && b < 1)) throw new RangeError(`adam: ${name} must lie in [0, 1), got ${b}`);
  }
  if (!(eps > 0)) throw new RangeError(`adam: eps must be positive, got ${eps}`);
  const rule: UpdateRule = {
    kind: 'adam',
    slotNames: ['m', 'v'],
    hyper: { beta1, beta2, eps },
    apply(p, g, { m, v }, lr, t) {
      const bc1 = 1 - Math.pow(beta1, t);
      const sqrtBc2 = Math.sqrt(1 - Math.pow(beta2, t));
      const step = (lr * sqrtBc2) / bc1;
      // On WASM one fused pass (m and v in place) replaces the 12 kernels below, with the same bits.
      const next = fusedKernels()?.adam(p, g, m!, v!, beta1, beta2, step, eps * sqrtBc2);
      if (next !== undefined) {
        p.assign(next);
        return;
      }
      const m1 = tf.add(tf.mul(m!, beta1), tf.mul(g, 1 - beta1));
      const v1 = tf.add(tf.mul(v!, beta2), tf.mul(tf.square(g), 1 - beta2));
      const denom = tf.add(tf.sqrt(v1), eps * sqrtBc2);
      p.assign(tf.sub(p, tf.mul(tf.div(m1, denom), step)));
      m!.assign(m1);
      v!.assign(v1);
    },
  };
  return new Optimizer(variables, rule, options);
}
