/**
 * Stochastic gradient descent with optional (Nesterov) momentum, as torch.optim.SGD
 * (dampening 0): b ← μ b + g, with b = 0 before the first step (so b = g then, as torch);  p ← p − lr · (nesterov ? g + μ b : b).
 */
import * as tf from '@tensorflow/tfjs';
import { Optimizer, type CommonOptions, type UpdateRule } from './optimizer.js';

export interface SgdOptions extends CommonOptions {
  /** μ; default 0 (plain SGD). */
  readonly momentum?: number;
  readonly nesterov?: boolean;
}

export function sgd(variables: readonly tf.Variable[], options: SgdOptions): Optimizer {
  const momentum = options.momentum ?? 0;
  const nesterov = options.nesterov ?? false;
  if (!(momentum >= 0 && momentum < 1)) throw new RangeError(`sgd: momentum must lie in [0, 1), got ${momentum}`);
  if (nesterov && momentum === 0) throw new RangeError('sgd: nesterov needs a positive momentum');
  const rule: UpdateRule = {
    kind: 'sgd',
    slotNames: momentum > 0 ? ['momentum'] : [],
    hyper: { momentum, nesterov },
    apply(p, g, { momentum: buf }, lr) {
      if (buf === undefined) {
        p.assign(tf.sub(p, tf.mul(g, lr)));
        return;
      }
      const b1 = tf.add(tf.mul(buf, momentum), g);
      const direction = nesterov ? tf.add(g, tf.mul(b1, momentum)) : b1;
      p.assign(tf.sub(p, tf.mul(direction, lr)));
      buf.assign(b1);
    },
  };
  return new Optimizer(variables, rule, options);
}
