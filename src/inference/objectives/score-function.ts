/**
 * The score-function (log-derivative, REINFORCE) gradient estimator with control variates.
 *
 * For a draw z ~ q_φ that is not a differentiable function of φ,
 *   ∇_φ E_q[f(z)] = E_q[(f(z) − b) ∇_φ log q_φ(z)]
 * for any baseline b independent of z. The estimator is realised as a surrogate whose gradient is
 * that expression: stopGradient(f − b) · log q(z). The learning signal f is the log weight of the
 * row the draw belongs to (local sites) or of the whole sample (global sites): terms that do not
 * depend on z only add variance. The baseline is the leave-one-out mean of the other Monte Carlo
 * samples' signals when there are several (unbiased, adapts per row), otherwise an exponential
 * moving average of past signals.
 */
import * as tf from '@tensorflow/tfjs';
import { detach } from '../../distributions/ops.js';
import type { SiteTerm } from './terms.js';

export class ScoreBaselines {
  private readonly averages = new Map<string, number>();

  constructor(readonly decay = 0.9) {}

  /**
   * Σ over score-function sites of stopGradient(signal − baseline) · log q, summed over rows
   * (times `localScale` for local sites) and averaged over samples: a scalar to ADD to the
   * objective, or undefined when no site needs one. `localSignal` gives [S, B] (made only if some
   * local site needs it: a dozen small kernels per step otherwise) and `globalSignal` is [S].
   */
  surrogate(sites: readonly SiteTerm[], localSignal: () => tf.Tensor, globalSignal: tf.Tensor, localScale: number): tf.Scalar | undefined {
    const parts: tf.Scalar[] = [];
    let local: tf.Tensor | undefined;
    for (const site of sites) {
      if (!site.score || !site.logQ) continue;
      const signal = site.local ? (local ??= localSignal()) : globalSignal.reshape([-1, 1]);
      const advantage = detach(signal.sub(this.baseline(site.name, signal)));
      const perSample = advantage.mul(site.logQ).sum(1);
      parts.push((site.local ? perSample.mul(localScale) : perSample).mean() as tf.Scalar);
    }
    return parts.length ? (tf.addN(parts) as tf.Scalar) : undefined;
  }

  private baseline(name: string, signal: tf.Tensor): tf.Tensor {
    const samples = signal.shape[0];
    if (samples > 1) {
      // Leave-one-out: b_s = (Σ_t f_t − f_s) / (S − 1), per row.
      return detach(signal.sum(0, true).sub(signal).div(samples - 1));
    }
    const current = signal.mean().dataSync()[0];
    const previous = this.averages.get(name);
    const updated = previous === undefined ? current : this.decay * previous + (1 - this.decay) * current;
    this.averages.set(name, updated);
    return tf.scalar(previous ?? current);
  }

  state(): Record<string, number> {
    return Object.fromEntries(this.averages);
  }

  load(state: Record<string, number>): void {
    this.averages.clear();
    for (const [k, v] of Object.entries(state)) this.averages.set(k, v);
  }
}
