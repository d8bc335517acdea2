/**
 * The generalized M-step: when no closed form is recognized, raise Q(θ) = E_q[log p(x, z | θ)]
 * + log p(θ) by gradient ascent (Adam) instead of maximizing it. Generalized EM (Dempster, Laird
 * & Rubin 1977) only needs Q(θ_new) ≥ Q(θ_old) for the likelihood never to decrease, so a step
 * that ends lower is undone.
 */
import * as tf from '@tensorflow/tfjs';
import { adam } from '../../optim/index.js';

/** Q and its gradients with respect to given variables, q held fixed. */
export interface ExpectedLogJoint {
  value(): number;
  valueAndGrads(variables: tf.Variable[]): { value: number; grads: tf.NamedTensorMap };
}

export interface GradientStepOptions {
  readonly steps: number;
  readonly lr: number;
  /** Stop early when Q's relative change over one step falls below this. */
  readonly tolerance: number;
}

export interface GradientStepResult {
  readonly before: number;
  readonly after: number;
  readonly steps: number;
  /** False when the ascent ended below where it started and was undone. */
  readonly accepted: boolean;
}

export function gradientMStep(q: ExpectedLogJoint, variables: tf.Variable[], options: GradientStepOptions): GradientStepResult {
  const saved = variables.map((v) => tf.clone(v));
  const optimizer = adam(variables, { lr: options.lr });
  let before = NaN;
  let previous = NaN;
  let steps = 0;
  try {
    for (; steps < options.steps; steps++) {
      const { value, grads } = q.valueAndGrads(variables);
      if (steps === 0) before = value;
      const converged = steps > 0 && Math.abs(value - previous) <= options.tolerance * Math.abs(value);
      previous = value;
      if (converged || !Number.isFinite(value)) {
        tf.dispose(grads);
        break;
      }
      // Ascent on Q: the optimizer minimizes, so it gets −∇Q.
      const negated = tf.tidy(() => Object.fromEntries(Object.entries(grads).map(([name, g]) => [name, tf.neg(g)])));
      tf.dispose(grads);
      optimizer.step(negated);
      tf.dispose(negated);
    }
    const after = q.value();
    const accepted = Number.isFinite(after) && after >= before;
    if (!accepted) variables.forEach((v, i) => v.assign(saved[i]!));
    return { before, after: accepted ? after : before, steps, accepted };
  } finally {
    optimizer.dispose();
    tf.dispose(saved);
  }
}
