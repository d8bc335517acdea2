/**
 * The generalized M-step: when no closed form is recognized, raise Q(θ) = E_q[log p(x, z | θ)]
 * + log p(θ) by gradient ascent (Adam) instead of maximizing it. Generalized EM (Dempster, Laird
 * & Rubin 1977) only needs Q(θ_new) ≥ Q(θ_old) for the likelihood never to decrease, so an ascent
 * that ends lower is retried with a smaller learning rate, and undone if it still does.
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

/** Attempts with the learning rate divided by 4 each time, before a step is given up. */
const ATTEMPTS = 4;

export function gradientMStep(q: ExpectedLogJoint, variables: tf.Variable[], options: GradientStepOptions): GradientStepResult {
  const saved = variables.map((v) => tf.clone(v));
  try {
    let before = NaN;
    let steps = 0;
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (attempt > 0) variables.forEach((v, i) => v.assign(saved[i]!));
      const run = ascend(q, variables, options.steps, options.lr / 4 ** attempt, options.tolerance);
      before = run.before;
      steps += run.steps;
      const after = q.value();
      if (Number.isFinite(after) && after >= before) return { before, after, steps, accepted: true };
    }
    // Every attempt ended lower (Adam overshot a narrow ridge): keep θ where it was.
    variables.forEach((v, i) => v.assign(saved[i]!));
    return { before, after: before, steps, accepted: false };
  } finally {
    tf.dispose(saved);
  }
}

/** Up to `steps` Adam steps on −Q; returns Q at the start. */
function ascend(q: ExpectedLogJoint, variables: tf.Variable[], steps: number, lr: number, tolerance: number): { before: number; steps: number } {
  const optimizer = adam(variables, { lr });
  let before = NaN;
  let previous = NaN;
  let taken = 0;
  try {
    for (; taken < steps; taken++) {
      const { value, grads } = q.valueAndGrads(variables);
      if (taken === 0) before = value;
      const converged = taken > 0 && Math.abs(value - previous) <= tolerance * Math.abs(value);
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
    return { before, steps: taken };
  } finally {
    optimizer.dispose();
  }
}
