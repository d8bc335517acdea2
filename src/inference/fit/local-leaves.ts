/**
 * Per-step differentiable copies of per-row parameters: the batch rows of each local parameter
 * become a temporary tf.Variable, so one `variableGrads` call differentiates global and local
 * parameters together; afterwards the local gradients update only those rows (lazy Adam).
 */
import * as tf from '@tensorflow/tfjs';
import type { ParamStore } from '../params/param-store.js';

export class LocalLeaves {
  private readonly leaves = new Map<string, tf.Variable>();

  constructor(
    private readonly store: ParamStore,
    private readonly indices: Int32Array,
    /** Whether the leaves are optimized this step (false: held fixed, e.g. θ-only M-steps). */
    private readonly trainable: (id: string) => boolean,
  ) {}

  /** The batch rows of `id` as a variable (created on first use). */
  rows = (id: string): tf.Tensor => {
    let leaf = this.leaves.get(id);
    if (!leaf) {
      const rows = this.store.local(id).gather(this.indices);
      leaf = tf.variable(rows, this.trainable(id), `${this.store.prefix}local/${id}`);
      rows.dispose();
      this.leaves.set(id, leaf);
    }
    return leaf;
  };

  variables(): tf.Variable[] {
    return [...this.leaves.values()].filter((v) => v.trainable);
  }

  /** Apply the gradients of the trainable leaves to their rows (call `dispose` afterwards, always). */
  update(grads: tf.NamedTensorMap, lr: number): void {
    for (const [id, leaf] of this.leaves) {
      const g = grads[leaf.name];
      if (g) this.store.local(id).adamStep(this.indices, g.dataSync() as Float32Array, lr);
    }
  }

  dispose(): void {
    for (const leaf of this.leaves.values()) leaf.dispose();
    this.leaves.clear();
  }
}
