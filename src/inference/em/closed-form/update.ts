/**
 * The contract of a closed-form M-step: a recognizer reads one factor of the IR and, when it
 * matches a pattern with a known maximizer of E_q[log p(x, z | θ)], returns the update.
 */
import * as tf from '@tensorflow/tfjs';
import type { FactorNode, LatentNode, ModelGraph, ParamNode } from '../../../graph/ir.js';
import { layoutOf } from '../../params/constrained-param.js';
import type { ParamStore } from '../../params/param-store.js';
import type { ComponentDensity } from '../enumerated-model.js';

export interface MixtureContext {
  readonly store: ParamStore;
  /** r [K, N]: the posterior probability of each value of the mixture latent for each row. */
  readonly responsibilities: tf.Tensor2D;
  /** A data column as [N, ...shape] float32. */
  data(id: string): tf.Tensor;
  /**
   * A tensor of `floats` numbers derived from the data alone: made on first use and kept until EM
   * ends, or made afresh on every call once the cache's budget is spent.
   */
  derived(key: string, floats: number, make: () => tf.Tensor): tf.Tensor;
  readonly varianceFloor: number;
  readonly probabilityFloor: number;
  /** Record a degenerate solution that a floor prevented. */
  warn(message: string): void;
}

export interface InitContext {
  readonly store: ParamStore;
  data(id: string): tf.Tensor;
  /** K rows of a data column chosen by k-means++ (the same rows for every update of one restart). */
  seedRows(dataId: string, k: number): Int32Array;
  readonly varianceFloor: number;
  readonly probabilityFloor: number;
}

export interface ClosedFormUpdate {
  /** The factor whose parameters this update sets. */
  readonly factor: FactorNode;
  readonly params: readonly ParamNode[];
  /** The update in words, for the report. */
  readonly rule: string;
  apply(ctx: MixtureContext): void;
  /** Data-driven starting values for these parameters (mixtures: k-means++ seeds). */
  initialize(ctx: InitContext): void;
  /**
   * log p(x_n | c = k) for every row and component, [rows, K], from x [rows, D] (or log p(c = k),
   * [1, K], for the latent's prior), written as a few large matrix products instead of the generic
   * per-combination evaluation of the factor, which gives the same numbers (tested).
   */
  componentDensity?(store: ParamStore): ComponentDensity;
}

/** A ComponentDensity holding `kept` (tensors computed once from the parameters) until disposed. */
export function componentDensity(kept: readonly tf.Tensor[], logDensity: (x: tf.Tensor2D | undefined) => tf.Tensor2D): ComponentDensity {
  return { logDensity: (x) => tf.tidy(() => logDensity(x)), dispose: () => tf.dispose([...kept]) };
}

/** A recognizer: the factor (the latent's prior, or a factor that depends on it) → an update, or undefined. */
export type Recognizer = (graph: ModelGraph, latent: LatentNode, factor: FactorNode) => ClosedFormUpdate | undefined;

/** Write a constrained value into a parameter's unconstrained variable. */
export function setParam(store: ParamStore, node: ParamNode, value: tf.Tensor): void {
  tf.tidy(() => store.variable(node.id).assign(layoutOf(node.type).transform.inverse(value.reshape(node.type.shape as number[]))));
}

/** N_k = Σ_n r_kn, kept away from 0 so that an empty component yields finite (floored) statistics. */
export function componentCounts(r: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.maximum(r.sum(1), 1e-10) as tf.Tensor1D);
}

/** Weighted means Σ_n r_kn x_n / N_k: [K, D]. */
export function weightedMeans(r: tf.Tensor2D, x: tf.Tensor2D, counts: tf.Tensor1D): tf.Tensor2D {
  return tf.matMul(r, x).div(counts.expandDims(1));
}

/** Warn about components holding less than two rows' worth of responsibility; `kept` says what the floor does. */
export function warnCollapsed(ctx: MixtureContext, counts: tf.Tensor1D, what: string, kept: string): void {
  counts.dataSync().forEach((c, k) => {
    if (c < 2) ctx.warn(`component ${k} of ${what} holds ${c.toPrecision(3)} rows of responsibility: it has collapsed onto at most one point; ${kept}`);
  });
}

/** The data node a factor scores, when it is a data column of the given kind (real/binary...). */
export function observedData(graph: ModelGraph, factor: FactorNode, kinds: readonly string[]): string | undefined {
  if (factor.targets.length !== 1) return undefined;
  const node = graph.nodes.find((n) => n.id === factor.targets[0]);
  return node?.kind === 'data' && kinds.includes(node.type.kind) ? node.id : undefined;
}

/** Whether `dependsOn` is exactly the latent. */
export function dependsOnlyOn(factor: FactorNode, latent: LatentNode): boolean {
  return factor.dependsOn.length === 1 && factor.dependsOn[0] === latent.id;
}
