/**
 * Our WASM kernels (src/runtime/wasm-kernels.ts): the embedded module is built from the current
 * kernels.c; Adam's fused step equals the tfjs-op update bit for bit, writes in place without
 * leaking and declines when a buffer is shared; the products, transposes, column sums and relu's
 * gradient match float64 references on shapes with every remainder; all are absent off WASM.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KERNELS_SOURCE_SHA256 } from '../../src/runtime/kernels/kernels-wasm.js';
import { selectBackend } from '../../src/runtime/backend.js';
import { Rng } from '../../src/runtime/rng.js';
import { fusedKernels } from '../../src/runtime/wasm-kernels.js';
import { adam } from '../../src/optim/index.js';

const SOURCE = join(import.meta.dirname, '../../src/runtime/kernels/kernels.c');
const [beta1, beta2, eps] = [0.9, 0.999, 1e-8];

/** The unfused update of src/optim/adam.ts, in tfjs ops. */
function reference(p: tf.Tensor, g: tf.Tensor, m: tf.Tensor, v: tf.Tensor, step: number, epsHat: number): tf.Tensor[] {
  return tf.tidy(() => {
    const m1 = tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1));
    const v1 = tf.add(tf.mul(v, beta2), tf.mul(tf.square(g), 1 - beta2));
    return [tf.sub(p, tf.mul(tf.div(m1, tf.add(tf.sqrt(v1), epsHat)), step)), m1, v1];
  });
}

describe('fused WASM kernels', () => {
  let previous: string;
  beforeAll(async () => {
    previous = tf.getBackend();
    await selectBackend('wasm');
  });
  afterAll(async () => {
    await tf.setBackend(previous);
  });

  it('are built from the current kernels.c (run src/runtime/kernels/build.sh after editing it)', () => {
    expect(createHash('sha256').update(readFileSync(SOURCE)).digest('hex')).toBe(KERNELS_SOURCE_SHA256);
  });

  it('Adam: equals the tfjs-op update bit for bit; m and v in place, the parameter a new tensor', () => {
    const rng = new Rng(3);
    const n = 1001; // not a multiple of 4: the scalar tail runs too
    const [p, g, m] = [rng.normal([n]), rng.normal([n]), rng.normal([n]).mul(0.1)];
    const v = tf.tidy(() => rng.normal([n]).square());
    const [step, epsHat] = [1e-3 * Math.sqrt(1 - beta2 ** 7) / (1 - beta1 ** 7), eps * Math.sqrt(1 - beta2 ** 7)];
    const pBefore = p.dataSync().slice();
    const expected = reference(p, g, m, v, step, epsHat).map((t) => t.dataSync().slice());
    const ids = [m, v].map((t) => t.dataId);
    const before = tf.memory().numTensors;
    const next = fusedKernels()!.adam(p, g, m, v, beta1, beta2, step, epsHat)!;
    expect(tf.memory().numTensors).toBe(before + 1);
    expect(next.dataId).not.toBe(p.dataId);
    expect([m, v].map((t) => t.dataId)).toEqual(ids);
    expect(p.dataSync()).toEqual(pBefore);
    expect(next.dataSync()).toEqual(expected[0]);
    expect(m.dataSync()).toEqual(expected[1]);
    expect(v.dataSync()).toEqual(expected[2]);
    tf.dispose([p, g, m, v, next]);
  });

  it('Adam: declines, writing nothing, when a buffer it would update is shared with another tensor', () => {
    const [p, g, m, v] = [tf.ones([8]), tf.ones([8]), tf.zeros([8]), tf.zeros([8])];
    const view = m.reshape([2, 4]); // shares m's data on WASM
    expect(fusedKernels()!.adam(p, g, m, v, beta1, beta2, 0.1, 1e-8)).toBeUndefined();
    expect(Array.from(m.dataSync())).toEqual(new Array(8).fill(0));
    tf.dispose([p, g, m, v, view]);
  });

  it('Adam: a weight used in products follows the tfjs-op trajectory exactly over 5 steps', () => {
    // The WASM backend caches each product's packed right operand by tensor id: a parameter
    // changed in place would keep multiplying with its old value.
    const rng = new Rng(5);
    const x = rng.normal([16, 12]);
    const w = tf.variable(rng.normal([12, 8]));
    const [m, v] = tf.tidy(() => [tf.variable(tf.zerosLike(w)), tf.variable(tf.zerosLike(w))]);
    let ref: tf.Tensor[] = [w.clone(), tf.zerosLike(w), tf.zerosLike(w)]; // p, m, v updated with tfjs ops
    const gradient = (p: tf.Tensor) => tf.grad((q: tf.Tensor) => tf.matMul(x, q).square().sum())(p);
    for (let t = 1; t <= 5; t++) {
      const [step, epsHat] = [0.01 * Math.sqrt(1 - beta2 ** t) / (1 - beta1 ** t), eps * Math.sqrt(1 - beta2 ** t)];
      const next = reference(ref[0]!, tf.tidy(() => gradient(ref[0]!)), ref[1]!, ref[2]!, step, epsHat);
      tf.dispose(ref);
      ref = next;
      tf.tidy(() => w.assign(fusedKernels()!.adam(w, gradient(w), m, v, beta1, beta2, step, epsHat)!));
      expect(w.dataSync()).toEqual(ref[0]!.dataSync());
    }
    tf.dispose([x, w, m, v, ...ref]);
  });

  it('Adam: the optimizer takes the fused path (no tfjs kernel instead of 12 per variable)', async () => {
    const w = tf.variable(tf.ones([64, 32]));
    const opt = adam([w], { lr: 0.1 });
    const g = tf.fill([64, 32], 0.5);
    const { kernels } = await tf.profile(() => opt.step({ [w.name]: g }));
    expect(kernels.map((k) => k.name)).toEqual([]); // the output is made without a kernel
    expect(w.dataSync()[0]).toBeCloseTo(0.9, 6); // the first Adam step moves by lr
    opt.dispose();
    tf.dispose([w, g]);
  });

  it('sumOfSquares: the squared norm of several tensors, not finite when a value is not or the squares overflow', () => {
    const rng = new Rng(9);
    const [a, b] = [rng.normal([1001]), rng.normal([7, 3])];
    const expected = tf.tidy(() => tf.add(tf.sum(tf.square(a)), tf.sum(tf.square(b))).dataSync()[0]!);
    expect(fusedKernels()!.sumOfSquares([a, b])).toBeCloseTo(expected, 2);
    const [nan, inf, huge] = [tf.tensor([1, NaN, 2]), tf.tensor([1, 2, 3, 4, -Infinity]), tf.fill([8], 1e20)];
    expect(fusedKernels()!.sumOfSquares([a, nan])).toBeNaN();
    expect(fusedKernels()!.sumOfSquares([inf])).toBe(Infinity);
    expect(fusedKernels()!.sumOfSquares([huge])).toBe(Infinity);
    tf.dispose([a, b, nan, inf, huge]);
  });

  // Shapes with every remainder: rows not a multiple of 4, columns of 8-blocks + 4 + 3 and below,
  // and inner dimensions over one pass of 256 (relu must wait for the last pass).
  for (const [m, k, n] of [[7, 5, 23], [4, 1, 8], [1, 9, 3], [13, 33, 12], [9, 16, 1], [6, 600, 13]] as const) {
    it(`matMul ${m}×${k}·${k}×${n}: act(a b + bias) matches a float64 product to float32 accuracy`, () => {
      const rng = new Rng(m * 100 + n);
      const [a, b, bias] = [rng.normal([m, k]) as tf.Tensor2D, rng.normal([k, n]) as tf.Tensor2D, rng.normal([n]) as tf.Tensor1D];
      const [av, bv, biasv] = [a.arraySync(), b.arraySync(), Array.from(bias.dataSync())];
      const exact = (withBias: boolean, relu: boolean): number[][] =>
        av.map((row) =>
          biasv.map((c, j) => {
            const z = row.reduce((s, x, i) => s + x * bv[i]![j]!, withBias ? c : 0);
            return relu ? Math.max(z, 0) : z;
          }),
        );
      const kernels = fusedKernels()!;
      const before = tf.memory().numTensors;
      const cases: [tf.Tensor2D, number[][]][] = [
        [kernels.matMul(a, b), exact(false, false)],
        [kernels.matMul(a, b, { bias, relu: true }), exact(true, true)],
        [kernels.matMul(a, b, { bias }), exact(true, false)],
      ];
      expect(tf.memory().numTensors).toBe(before + 3);
      for (const [got, want] of cases) {
        expect(got.shape).toEqual([m, n]);
        const g = got.arraySync();
        want.forEach((row, i) => row.forEach((x, j) => expect(Math.abs(g[i]![j]! - x)).toBeLessThan(1e-5 * (1 + Math.abs(x)) * k)));
      }
      tf.dispose([a, b, bias, ...cases.map(([t]) => t)]);
    });
  }

  it('transpose, columnSums and reluGrad: exact, on shapes with remainders; reluGrad keeps NaN like step-then-multiply', () => {
    const rng = new Rng(21);
    const kernels = fusedKernels()!;
    for (const [m, n] of [[7, 5], [4, 8], [1, 3], [13, 1], [9, 6]] as const) {
      const x = rng.normal([m, n]) as tf.Tensor2D;
      const [t, s] = [kernels.transpose(x), kernels.columnSums(x)];
      expect(t.arraySync()).toEqual(tf.transpose(x).arraySync());
      const rows = x.arraySync();
      const sums = rows[0]!.map((_, j) => rows.reduce((acc, r) => Math.fround(acc + r[j]!), 0));
      expect(Array.from(s.dataSync())).toEqual(sums);
      tf.dispose([x, t, s]);
    }
    const dy = tf.tensor([1, 2, NaN, 4, -5, NaN, 7]);
    const y = tf.tensor([0.5, 0, 0, -1, 3, 2, NaN]);
    const dz = kernels.reluGrad(dy, y);
    expect(Array.from(dz.dataSync())).toEqual(Array.from(tf.mul(dy, tf.step(y)).dataSync()));
    tf.dispose([dy, y, dz]);
  });

  it('Identity shares its input buffer on WASM: a clone costs no copy and outlives its source', () => {
    const before = tf.memory().numTensors;
    const x = tf.tensor([1, 2, 3]);
    const y = tf.clone(x);
    const data = (tf.backend() as unknown as { dataIdMap: { get(id: object): { memoryOffset: number } } }).dataIdMap;
    expect(data.get(y.dataId)!.memoryOffset).toBe(data.get(x.dataId)!.memoryOffset);
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual([1, 2, 3]);
    // A fused kernel refuses to write into a buffer still shared (here y, as Adam's m).
    const z = tf.clone(y);
    const [p, g, v] = [tf.ones([3]), tf.ones([3]), tf.zeros([3])];
    expect(fusedKernels()!.adam(p, g, y, v, beta1, beta2, 0.1, 1e-8)).toBeUndefined();
    tf.dispose([y, z, p, g, v]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('are absent on other backends', async () => {
    await selectBackend('cpu');
    expect(fusedKernels()).toBeUndefined();
    await selectBackend('wasm');
    expect(fusedKernels()).toBeDefined();
  });
});
