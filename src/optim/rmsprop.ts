/**
 * RMSprop as torch.optim.RMSprop (not centered):
 *   s ← α s + (1 − α) g²;   u = g / (√s + ε);
 *   with momentum μ > 0: b ← μ b + u, p ← p − lr · b;  else p ← p − lr · u.
 */
import * as tf from '@tensorflow/tfjs';
import { Optimizer, type CommonOptions, type UpdateRule } from './optimizer.js';

export interface RmspropOptions extends CommonOptions {
  /** Smoothing constant α; default 0.99 (torch's). */
  readonly alpha?: number;
  readonly eps?: number;
  readonly momentum?: number;
}

export function rmsprop(variables: readonly tf.Variable[], options: RmspropOptions): Optimizer {
  const alpha = options.alpha ?? 0.99;
  const eps = options.eps ?? 1e-8;
  const momentum = options.momentum ?? 0;
  if (!(alpha >= 0 && alpha < 1)) throw new RangeError(`rmsprop: alpha must lie in [0, 1), got ${alpha}`);
  if (!(eps > 0)) throw new RangeError(`rmsprop: eps must be positive, got ${eps}`);
  if (!(momentum >= 0 && momentum < 1)) throw new RangeError(`rmsprop: momentum must lie in [0, 1), got ${momentum}`);
  const rule: UpdateRule = {
    kind: 'rmsprop',
    slotNames: momentum > 0 ? ['square', 'momentum'] : ['square'],
    hyper: { alpha, eps, momentum },
    apply(p, g, { square, momentum: buf }, lr) {
      const s1 = tf.add(tf.mul(square!, alpha), tf.mul(tf.square(g), 1 - alpha));
      const u = tf.div(g, tf.add(tf.sqrt(s1), eps));
      square!.assign(s1);
      if (buf === undefined) {
        p.assign(tf.sub(p, tf.mul(u, lr)));
        return;
      }
      const b1 = tf.add(tf.mul(buf, momentum), u);
      p.assign(tf.sub(p, tf.mul(b1, lr)));
      buf.assign(b1);
    },
  };
  return new Optimizer(variables, rule, options);
}
