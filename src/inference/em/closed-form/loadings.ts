/**
 * Closed-form M-step for probabilistic PCA and factor analysis (Tipping & Bishop 1999; Rubin &
 * Thayer 1982): z ~ N(0, I), x | z = Normal(W @ z + μ, σ) with σ a positive scalar (PPCA) or a
 * positive vector (factor analysis), W, μ, σ used nowhere else.
 *
 * With the E-step's posterior moments e_n = E[z_n | x_n] and E[z_n z_nᵀ], write z̃ = (z, 1) and
 * Θ = [W μ]. Maximizing Σ_n E[log N(x_n | Θ z̃_n, Ψ)] gives the regression of x on z̃,
 *
 *   Θ = (Σ_n x_n E[z̃_n]ᵀ) (Σ_n E[z̃_n z̃_nᵀ])⁻¹,
 *   ψ_d = (1/N) [Σ_n x_n x_nᵀ − Θ Σ_n E[z̃_n] x_nᵀ]_dd   (PPCA: σ² is their mean),
 *
 * and every sum is a function of the data's mean and covariance, so an iteration costs O(D²K).
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelGraph, ParamNode, TypedExpr } from '../../../graph/ir.js';
import type { ParamStore } from '../../params/param-store.js';
import { add, cholesky, cholSolve, mat, matMul, transpose } from '../dense.js';
import { exclusiveParam, hasOnlyArgs, refId } from '../graph-match.js';
import type { DataMoments, GaussianPosterior, LinearGaussianStructure } from '../linear-gaussian.js';
import { setParam } from './update.js';

export interface LoadingsUpdate {
  readonly params: readonly ParamNode[];
  readonly rule: string;
  apply(store: ParamStore, post: GaussianPosterior, data: DataMoments, varianceFloor: number, warn: (m: string) => void): void;
}

export function recognizeLoadings(graph: ModelGraph, s: LinearGaussianStructure): LoadingsUpdate | undefined {
  const { observed, prior, latent, k, d } = s;
  if (!hasOnlyArgs(observed, ['loc', 'scale']) || !hasOnlyArgs(prior, ['loc', 'scale'])) return undefined;
  if (prior.args.loc!.constant !== 0 || prior.args.scale!.constant !== 1 || latent.type.shape.length !== 1) return undefined;
  const terms = sumOfTwo(observed.args.loc!);
  if (!terms) return undefined;
  const product = terms.find((t) => t.op === 'binary' && t.fn === 'matmul');
  const offset = terms.find((t) => t !== product);
  if (product?.op !== 'binary' || refId(product.right) !== latent.id) return undefined;
  const w = exclusiveParam(graph, refId(product.left), observed);
  const mu = exclusiveParam(graph, refId(offset), observed);
  const sigma = exclusiveParam(graph, refId(observed.args.scale), observed);
  if (!w || !mu || !sigma || w.type.kind !== 'real' || mu.type.kind !== 'real' || sigma.type.kind !== 'positive') return undefined;
  if (w.type.shape.join() !== [d, k].join() || mu.type.shape.join() !== String(d)) return undefined;
  const isotropic = sigma.type.shape.length === 0;
  if (!isotropic && sigma.type.shape.join() !== String(d)) return undefined;
  return {
    params: [w, mu, sigma],
    rule: isotropic
      ? `[${w.name} ${mu.name}] = Σ x E[z̃]ᵀ (Σ E[z̃ z̃ᵀ])⁻¹, ${sigma.name}² = mean residual variance (probabilistic PCA, Tipping & Bishop)`
      : `[${w.name} ${mu.name}] = Σ x E[z̃]ᵀ (Σ E[z̃ z̃ᵀ])⁻¹, ${sigma.name}²_d = residual variance of feature d (factor analysis)`,
    apply(store, post, data, varianceFloor, warn) {
      const { theta, residual } = regression(post, data, k, d);
      const variances = isotropic ? [residual.reduce((a, b) => a + b, 0) / d] : Array.from(residual);
      const floored = variances.map((v) => Math.max(v, varianceFloor));
      if (floored.some((v, i) => v !== variances[i])) warn(`the noise variance ${sigma.name}² reached the floor ε = ${varianceFloor}: the model fits some feature exactly`);
      const wValues = new Float32Array(d * k);
      const muValues = new Float32Array(d);
      for (let j = 0; j < d; j++) {
        for (let i = 0; i < k; i++) wValues[j * k + i] = theta.v[j * (k + 1) + i]!;
        muValues[j] = theta.v[j * (k + 1) + k]!;
      }
      const values = [tf.tensor(wValues), tf.tensor(muValues), tf.tensor(floored.map(Math.sqrt))];
      setParam(store, w, values[0]!);
      setParam(store, mu, values[1]!);
      setParam(store, sigma, values[2]!);
      tf.dispose(values);
    },
  };
}

/** Θ = [W μ] [D, K+1] and the per-feature residual variances, from the posterior and the data moments. */
function regression(post: GaussianPosterior, data: DataMoments, k: number, d: number) {
  const xbar = mat(d, 1, data.mean);
  const delta = mat(d, 1, data.mean.map((x, j) => x - post.center[j]!));
  const gT = transpose(post.gain); // [D, K]
  const e = matMul(post.gain, delta); // Ē [K, 1]
  const ezz = add(post.cov, matMul(matMul(post.gain, add(data.cov, matMul(delta, transpose(delta)))), gT));
  const sxe = matMul(add(data.cov, matMul(xbar, transpose(delta))), gT); // [D, K]
  const szz = mat(k + 1, k + 1);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) szz.v[i * (k + 1) + j] = ezz.v[i * k + j]!;
    szz.v[i * (k + 1) + k] = e.v[i]!;
    szz.v[k * (k + 1) + i] = e.v[i]!;
  }
  szz.v[(k + 1) * (k + 1) - 1] = 1;
  const sxz = mat(d, k + 1);
  for (let j = 0; j < d; j++) {
    for (let i = 0; i < k; i++) sxz.v[j * (k + 1) + i] = sxe.v[j * k + i]!;
    sxz.v[j * (k + 1) + k] = data.mean[j]!;
  }
  const theta = transpose(cholSolve(cholesky(szz, 'the expected latent second moment'), transpose(sxz)));
  const residual = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    let fitted = 0;
    for (let i = 0; i <= k; i++) fitted += theta.v[j * (k + 1) + i]! * sxz.v[j * (k + 1) + i]!;
    residual[j] = data.cov.v[j * d + j]! + data.mean[j]! ** 2 - fitted;
  }
  return { theta, residual };
}

/** The two operands of `a + b`, or undefined. */
function sumOfTwo(expr: TypedExpr): TypedExpr[] | undefined {
  return expr.op === 'binary' && expr.fn === 'add' ? [expr.left, expr.right] : undefined;
}
