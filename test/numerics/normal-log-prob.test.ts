/**
 * The Normal log-density as a composite kernel (src/numerics/normal-log-prob.ts): the value of the
 * location-scale formula, and a hand-written gradient equal to autodiff of that formula in x, μ and
 * σ through broadcasting, on both backends.
 */
import * as tf from '@tensorflow/tfjs';
import { expect, it } from 'vitest';
import { normalLogProb } from '../../src/numerics/normal-log-prob.js';
import { describeOnBackends } from './helpers.js';

const formula = (x: tf.Tensor, loc: tf.Tensor, scale: tf.Tensor): tf.Tensor =>
  tf.sub(tf.sub(tf.mul(-0.5, tf.square(tf.div(tf.sub(x, loc), scale))), 0.5 * Math.log(2 * Math.PI)), tf.log(scale));

describeOnBackends('normalLogProb', () => {
  it('equals the formula, with gradients equal to its autodiff in x, μ and σ through broadcasting', () => {
    // x [2, 2, 3] (samples × rows × dims), μ [2, 3] per row, σ [3] shared.
    const x = tf.tensor3d([[[0.3, -1, 2], [0, 0.5, -0.2]], [[1.1, 0, -2], [0.4, 0.4, 3]]]);
    const loc = tf.tensor2d([[0.1, -0.5, 1], [0, 1, 0.2]]);
    const scale = tf.tensor1d([1.5, 0.8, 1.1]);
    const w = tf.randomNormal([2, 2, 3], 0, 1, 'float32', 3);
    const loss = (f: typeof formula) => (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => tf.sum(tf.mul(w, f(a, b, c)));
    const [ours, stock] = [tf.tidy(() => normalLogProb(x, loc, scale).dataSync()), tf.tidy(() => formula(x, loc, scale).dataSync())];
    expect(Array.from(ours)).toEqual(Array.from(stock));
    const got = tf.grads(loss(normalLogProb))([x, loc, scale]);
    const want = tf.grads(loss(formula))([x, loc, scale]);
    got.forEach((g, i) => {
      expect(g.shape).toEqual(want[i]!.shape);
      const [a, b] = [g.dataSync(), want[i]!.dataSync()];
      a.forEach((v, j) => expect(v).toBeCloseTo(b[j]!, 5));
    });
    tf.dispose([x, loc, scale, w, ...got, ...want]);
  });
});
