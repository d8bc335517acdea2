/**
 * The benchmark VAE, written directly on src/nn (the engine will later build the same network
 * from models/vae.vmodel). Architecture and objectives mirror shared/reference/torch_vae.py:
 *
 *   encoder  784 → 400 relu → [loc 20 | softplus scale 20]      q(z | x) = N(loc, diag scale²)
 *   decoder  20 → 400 relu → 784 Bernoulli logits                p(x | z)
 *   prior    N(0, I₂₀)
 *
 * The two encoder heads are one 400 → 40 layer split in two: the same function and the same
 * initial distribution as two 400 → 20 layers (torch's init bound depends only on fan-in), but
 * one matrix product instead of two.
 */
import * as tf from '@tensorflow/tfjs';
import { applyDense, createDense, denseVariables, type DenseParams } from '../../src/nn/index.js';
import { bernoulliLogLik } from '../../src/numerics/index.js';
import type { Rng } from '../../src/runtime/rng.js';

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * `fast` runs layers through src/nn's dense kernel; `stock` writes them with plain tfjs ops
 * (matMul, add, activation) and tfjs's own gradients — the baseline the performance notes compare to.
 */
export type LayerPath = 'fast' | 'stock';

export interface Vae {
  readonly path: LayerPath;
  readonly encHidden: DenseParams;
  readonly encHeads: DenseParams;
  readonly decHidden: DenseParams;
  readonly decOut: DenseParams;
  readonly zDim: number;
}

export function createVae(rng: Rng, path: LayerPath = 'fast', xDim = 784, hDim = 400, zDim = 20): Vae {
  return {
    path,
    encHidden: createDense(xDim, hDim, { rng }),
    encHeads: createDense(hDim, 2 * zDim, { rng }),
    decHidden: createDense(zDim, hDim, { rng }),
    decOut: createDense(hDim, xDim, { rng }),
    zDim,
  };
}

export function vaeVariables(vae: Vae): tf.Variable[] {
  return [vae.encHidden, vae.encHeads, vae.decHidden, vae.decOut].flatMap(denseVariables);
}

function layer(vae: Vae, p: DenseParams, x: tf.Tensor, act: 'relu' | 'identity' = 'identity'): tf.Tensor {
  if (vae.path === 'fast') return applyDense(p, x, act);
  const [inp, out] = p.w.shape;
  const y = tf.add(tf.matMul(tf.reshape(x, [-1, inp]), p.w), p.b!);
  return tf.reshape(act === 'relu' ? tf.relu(y) : y, [...x.shape.slice(0, -1), out]);
}

/** q(z | x): loc and scale, each [B, zDim]. */
export function encode(vae: Vae, x: tf.Tensor2D): { loc: tf.Tensor2D; scale: tf.Tensor2D } {
  const heads = layer(vae, vae.encHeads, layer(vae, vae.encHidden, x, 'relu')) as tf.Tensor2D;
  const [loc, raw] = tf.split(heads, 2, 1) as [tf.Tensor2D, tf.Tensor2D];
  return { loc, scale: tf.softplus(raw) };
}

/** Bernoulli logits for z of shape [..., zDim]: [..., 784]. */
export function decode(vae: Vae, z: tf.Tensor): tf.Tensor {
  return layer(vae, vae.decOut, layer(vae, vae.decHidden, z, 'relu'));
}

/**
 * Per-image ELBO with one reparameterized draw and the analytic KL:
 *   log p(x | z) − ½ Σ (loc² + scale² − 1 − 2 log scale),   z = loc + scale·ε.
 */
export function elbo(vae: Vae, x: tf.Tensor2D, eps: tf.Tensor2D): tf.Tensor1D {
  const { loc, scale } = encode(vae, x);
  const z = tf.add(loc, tf.mul(scale, eps));
  const rec = bernoulliLogLik(decode(vae, z), x);
  const kl = tf.mul(0.5, tf.sum(tf.sub(tf.add(tf.square(loc), tf.square(scale)), tf.add(1, tf.mul(2, tf.log(scale)))), -1));
  return tf.sub(rec, kl) as tf.Tensor1D;
}

/**
 * Per-image IWAE bound with k draws (eps: [k, B, zDim]):
 *   log (1/k) Σ_i p(x, z_i) / q(z_i | x),   z_i = loc + scale·ε_i.
 */
export function iwae(vae: Vae, x: tf.Tensor2D, eps: tf.Tensor3D): tf.Tensor1D {
  const k = eps.shape[0];
  const { loc, scale } = encode(vae, x);
  const z = tf.add(loc, tf.mul(scale, eps));
  const logPxz = bernoulliLogLik(decode(vae, z), x);
  const logPz = tf.mul(-0.5, tf.sum(tf.add(tf.square(z), LOG_2PI), -1));
  const logQz = tf.sum(tf.sub(tf.mul(-0.5, tf.add(tf.square(eps), LOG_2PI)), tf.log(scale)), -1);
  const logW = tf.sub(tf.add(logPxz, logPz), logQz);
  return tf.sub(tf.logSumExp(logW, 0), Math.log(k)) as tf.Tensor1D;
}
