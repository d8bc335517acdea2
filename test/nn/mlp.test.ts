import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyMlp, createMlp, disposeMlp, initialDense, mlpVariables } from '../../src/nn/index.js';
import { adam } from '../../src/optim/index.js';
import { selectBackend } from '../../src/runtime/backend.js';
import { Rng } from '../../src/runtime/rng.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('createMlp / applyMlp', () => {
  it('builds one dense layer per consecutive pair of sizes, named by position', () => {
    const net = createMlp({ sizes: [3, 8, 8, 2], activation: 'tanh' }, { rng: new Rng(1), name: 'mlp-names' });
    expect(net.layers.map((l) => l.w.shape)).toEqual([[3, 8], [8, 8], [8, 2]]);
    expect(mlpVariables(net).map((v) => v.name)).toEqual([
      'mlp-names/0/w', 'mlp-names/0/b', 'mlp-names/1/w', 'mlp-names/1/b', 'mlp-names/2/w', 'mlp-names/2/b',
    ]);
    disposeMlp(net);
  });

  it('equals the composition written out with tf ops, on inputs with leading axes', () => {
    const rng = new Rng(2);
    const net = createMlp({ sizes: [4, 6, 3], activation: 'relu', outputActivation: 'sigmoid' }, { rng });
    const x = rng.normal([2, 5, 4]);
    const before = tf.memory().numTensors;
    const y = applyMlp(net, x);
    expect(y.shape).toEqual([2, 5, 3]);
    const [l0, l1] = net.layers as [(typeof net.layers)[0], (typeof net.layers)[0]];
    const ref = tf.tidy(() => tf.sigmoid(tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x.reshape([10, 4]), l0.w), l0.b!)), l1.w), l1.b!)).reshape([2, 5, 3]));
    const a = y.dataSync();
    const b = ref.dataSync();
    for (let i = 0; i < b.length; i++) expect(a[i]).toBeCloseTo(b[i]!, 6);
    tf.dispose([y, ref]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(x);
    disposeMlp(net);
  });

  it('is reproducible from the seed', () => {
    const a = createMlp({ sizes: [5, 4], activation: 'relu' }, { rng: new Rng(9) });
    const b = createMlp({ sizes: [5, 4], activation: 'relu' }, { rng: new Rng(9) });
    const c = createMlp({ sizes: [5, 4], activation: 'relu' }, { rng: new Rng(10) });
    expect(Array.from(a.layers[0]!.w.dataSync())).toEqual(Array.from(b.layers[0]!.w.dataSync()));
    expect(Array.from(a.layers[0]!.w.dataSync())).not.toEqual(Array.from(c.layers[0]!.w.dataSync()));
    [a, b, c].forEach(disposeMlp);
  });

  it('rejects bad specs with messages naming the network', () => {
    const rng = new Rng(0);
    expect(() => createMlp({ sizes: [3], activation: 'relu' }, { rng, name: 'f' })).toThrow("mlp 'f': sizes needs an input and an output width, got [3]");
    expect(() => createMlp({ sizes: [3, 0], activation: 'relu' }, { rng, name: 'f' })).toThrow("mlp 'f': size 1 must be a positive integer, got 0");
    expect(() => createMlp({ sizes: [3, 2], activation: 'gelu' as never }, { rng, name: 'f' })).toThrow(
      "mlp 'f' activation: unknown activation 'gelu'; expected one of identity, relu, tanh, sigmoid, softplus, elu",
    );
  });

  it('trains without leaking: 20 Adam steps of a regression keep the tensor count flat and lower the loss', () => {
    const rng = new Rng(4);
    const net = createMlp({ sizes: [2, 16, 1], activation: 'tanh' }, { rng, name: 'mlp-train' });
    const x = rng.normal([64, 2]);
    const y = tf.tidy(() => tf.sum(tf.mul(x, tf.tensor1d([1.5, -2])), -1, true));
    const opt = adam(mlpVariables(net), { lr: 0.05 });
    const loss = (): tf.Scalar => tf.mean(tf.square(tf.sub(applyMlp(net, x), y))) as tf.Scalar;
    const first = tf.tidy(() => loss().dataSync()[0]!);
    opt.minimize(loss).dispose();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) opt.minimize(loss).dispose();
    expect(tf.memory().numTensors).toBe(before);
    const last = tf.tidy(() => loss().dataSync()[0]!);
    expect(last).toBeLessThan(0.5 * first);
    opt.dispose();
    disposeMlp(net);
    tf.dispose([x, y]);
  });
});

describe('initializers', () => {
  // With n draws of U(−a, a): mean 0 ± a/√(3n), variance a²/3; check at ~5 standard errors.
  it('torch: W and b uniform on ±1/√in', () => {
    const { w, b } = initialDense('torch', 400, 300, new Rng(5));
    const a = 1 / Math.sqrt(400);
    const wv = w.dataSync();
    const n = wv.length;
    let s = 0;
    let s2 = 0;
    for (const v of wv) {
      expect(Math.abs(v)).toBeLessThanOrEqual(a);
      s += v;
      s2 += v * v;
    }
    expect(Math.abs(s / n)).toBeLessThan((5 * a) / Math.sqrt(3 * n));
    // Var of v² for U(−a, a) is 4a⁴/45; the sample mean of v² has sd a²·√(4/45/n)
    expect(Math.abs(s2 / n - (a * a) / 3)).toBeLessThan(5 * a * a * Math.sqrt(4 / 45 / n));
    expect(b.dataSync().every((v) => Math.abs(v) <= a)).toBe(true);
    tf.dispose([w, b]);
  });

  it('he-normal: variance 2/in, zero bias; glorot-uniform bound √(6/(in+out))', () => {
    const he = initialDense('he-normal', 200, 500, new Rng(6));
    const v = he.w.dataSync();
    let s2 = 0;
    for (const x of v) s2 += x * x;
    // sample variance of N(0, σ²) has sd σ²·√(2/n)
    expect(Math.abs(s2 / v.length - 2 / 200)).toBeLessThan(5 * (2 / 200) * Math.sqrt(2 / v.length));
    expect(he.b.dataSync().every((x) => x === 0)).toBe(true);
    const gl = initialDense('glorot-uniform', 30, 70, new Rng(7));
    const bound = Math.sqrt(6 / 100);
    const gv = gl.w.dataSync();
    expect(gv.every((x) => Math.abs(x) <= bound)).toBe(true);
    expect(Math.max(...gv.map(Math.abs))).toBeGreaterThan(0.95 * bound);
    tf.dispose([he.w, he.b, gl.w, gl.b]);
  });
});
