/**
 * ℝ^{D(D+1)/2} → lower-triangular D×D matrices with positive diagonal.
 *
 * The vector fills the lower triangle row by row ((0,0), (1,0), (1,1), (2,0), …) and the diagonal
 * entries are exponentiated. The map is a permutation plus exp on D coordinates, so
 * log |det J| = Σ_i v_{ii} (the unconstrained diagonal entries).
 */
import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '@tensorflow/tfjs';
import { independent, lowerCholesky, real } from '../constraints/index.js';
import { DistributionError } from '../validation.js';
import { Transform } from './transform.js';

export class LowerCholeskyTransform extends Transform {
  readonly name = 'LowerCholesky';
  readonly domain = independent(real, 1);
  readonly codomain = lowerCholesky;

  forward(v: Tensor): Tensor {
    return tf.tidy(() => {
      const d = sideFromLength(v.shape[v.rank - 1]!);
      const { gatherIndex, diagonal } = layout(d);
      // Append one zero so the upper triangle can gather it.
      const padded = tf.concat([v, tf.zeros([...v.shape.slice(0, -1), 1])], -1);
      const flat = tf.gather(padded, gatherIndex, -1);
      const mask = tf.tensor1d(diagonal, 'bool');
      const withExp = tf.where(mask, tf.exp(tf.where(mask, flat, tf.zerosLike(flat))), flat);
      return tf.reshape(withExp, [...v.shape.slice(0, -1), d, d]);
    });
  }

  inverse(l: Tensor): Tensor {
    return tf.tidy(() => {
      const d = l.shape[l.rank - 1]!;
      const flat = tf.reshape(l, [...l.shape.slice(0, -2), d * d]);
      const rawDiag = tf.where(tf.tensor1d(layout(d).diagonal, 'bool'), tf.log(flat), flat);
      return tf.gather(rawDiag, lowerPositions(d), -1);
    });
  }

  logAbsDetJacobian(v: Tensor): Tensor {
    return tf.tidy(() => {
      const d = sideFromLength(v.shape[v.rank - 1]!);
      const diagPositions = Array.from({ length: d }, (_, i) => (i * (i + 1)) / 2 + i);
      return tf.sum(tf.gather(v, diagPositions, -1), -1);
    });
  }

  override forwardShape(shape: readonly number[]): number[] {
    const d = sideFromLength(shape[shape.length - 1]!);
    return [...shape.slice(0, -1), d, d];
  }

  override inverseShape(shape: readonly number[]): number[] {
    const d = shape[shape.length - 1]!;
    return [...shape.slice(0, -2), (d * (d + 1)) / 2];
  }
}

/** D from the vector length D(D+1)/2. */
export function sideFromLength(m: number): number {
  const d = Math.round((Math.sqrt(8 * m + 1) - 1) / 2);
  if ((d * (d + 1)) / 2 !== m) {
    throw new DistributionError(`LowerCholeskyTransform: vector length ${m} is not a triangular number D(D+1)/2`);
  }
  return d;
}

/** For each entry of the flattened D×D matrix: which vector position fills it (m = the zero pad), and whether it is diagonal. */
function layout(d: number): { gatherIndex: number[]; diagonal: boolean[] } {
  const m = (d * (d + 1)) / 2;
  const gatherIndex: number[] = [];
  const diagonal: boolean[] = [];
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      gatherIndex.push(j <= i ? (i * (i + 1)) / 2 + j : m);
      diagonal.push(i === j);
    }
  }
  return { gatherIndex, diagonal };
}

/** Flat positions of the lower triangle in row order: the inverse of `layout`. */
function lowerPositions(d: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < d; i++) for (let j = 0; j <= i; j++) out.push(i * d + j);
  return out;
}
