import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ACTIVATIONS, activate, applyDense, createDense, denseVariables, type Activation } from '../../src/nn/index.js';
import { selectBackend } from '../../src/runtime/backend.js';
import { Rng } from '../../src/runtime/rng.js';
import { fusedKernels } from '../../src/runtime/wasm-kernels.js';

// The WASM backend runs the layer on our own kernels, CPU on tfjs's ops with transpose flags: test both.
const BACKENDS = ['wasm', 'cpu'] as const;

interface Product {
  readonly shape: number[];
  /** Run by tfjs (not our kernels), and with a transpose flag. */
  readonly tfjs: boolean;
  readonly flagged: boolean;
}

/** The matrix products `run` computes, in order: tfjs's product kernels and, on WASM, ours. */
function productsOf(run: () => void): Product[] {
  const products: Product[] = [];
  const engine = tf.engine();
  const runKernel = engine.runKernel.bind(engine);
  const tfjsSpy = vi.spyOn(engine, 'runKernel').mockImplementation((name, inputs, attrs) => {
    const out = runKernel(name, inputs, attrs);
    if (name === 'BatchMatMul' || name === '_FusedMatMul') {
      const flagged = attrs?.['transposeA'] === true || attrs?.['transposeB'] === true;
      products.push({ shape: (out as tf.Tensor).shape.slice(-2), tfjs: true, flagged });
    }
    return out;
  });
  const kernels = fusedKernels();
  const matMul = kernels?.matMul.bind(kernels);
  const ourSpy = kernels === undefined ? undefined : vi.spyOn(kernels, 'matMul');
  ourSpy?.mockImplementation((a, b, options) => {
    const out = matMul!(a, b, options);
    products.push({ shape: out.shape, tfjs: false, flagged: false });
    return out;
  });
  try {
    run();
  } finally {
    tfjsSpy.mockRestore();
    ourSpy?.mockRestore();
  }
  return products;
}

/** Plain-JS float64 reference: L = Σ c ⊙ act(x W + b). */
function lossF64(x: number[][], w: number[][], b: number[], c: number[][], act: Activation): number {
  const f: Record<Activation, (z: number) => number> = {
    identity: (z) => z,
    relu: (z) => Math.max(z, 0),
    tanh: Math.tanh,
    sigmoid: (z) => 1 / (1 + Math.exp(-z)),
    softplus: (z) => Math.log1p(Math.exp(z)),
    elu: (z) => (z > 0 ? z : Math.expm1(z)),
  };
  let total = 0;
  for (let n = 0; n < x.length; n++) {
    for (let j = 0; j < b.length; j++) {
      let z = b[j]!;
      for (let i = 0; i < w.length; i++) z += x[n]![i]! * w[i]![j]!;
      total += c[n]![j]! * f[act](z);
    }
  }
  return total;
}

/** Central differences of lossF64 with respect to every entry of one argument. */
function finiteDiff(arg: number[][] | number[], evalLoss: () => number, h = 1e-6): number[] {
  const out: number[] = [];
  const flat = Array.isArray(arg[0]) ? (arg as number[][]) : [arg as number[]];
  for (const row of flat) {
    for (let i = 0; i < row.length; i++) {
      const v = row[i]!;
      row[i] = v + h;
      const up = evalLoss();
      row[i] = v - h;
      const down = evalLoss();
      row[i] = v;
      out.push((up - down) / (2 * h));
    }
  }
  return out;
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol: number, atol: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (Math.abs(a - e) > atol + rtol * Math.abs(e)) throw new Error(`index ${i}: got ${a}, expected ${e} (rtol ${rtol}, atol ${atol})`);
  }
}

for (const backend of BACKENDS) {
  describe(`dense layer on ${backend}`, () => {
    beforeAll(async () => {
      await selectBackend(backend);
    });

    it('maps [..., in] to [..., out] and equals x W + b slice by slice', () => {
      const rng = new Rng(3);
      const layer = createDense(4, 2, { rng });
      const x = rng.normal([3, 5, 4]);
      const y = applyDense(layer, x, 'tanh');
      expect(y.shape).toEqual([3, 5, 2]);
      const ref = tf.tidy(() => tf.tanh(tf.add(tf.matMul(tf.reshape(x, [15, 4]), layer.w), layer.b!)));
      expectClose(y.dataSync(), ref.dataSync(), 1e-6, 1e-6);
      tf.dispose([x, y, ref, ...denseVariables(layer)]);
    });

    it('accepts a rank-1 input as a single row', () => {
      const rng = new Rng(4);
      const layer = createDense(3, 2, { rng, bias: false });
      const x = tf.tensor1d([1, 2, 3]);
      const y = applyDense(layer, x);
      expect(y.shape).toEqual([2]);
      const ref = tf.tidy(() => tf.matMul(tf.reshape(x, [1, 3]), layer.w).reshape([2]));
      expectClose(y.dataSync(), ref.dataSync(), 1e-6, 1e-6);
      tf.dispose([x, y, ref, layer.w]);
    });

    for (const act of ACTIVATIONS) {
      it(`${act}: gradients match float64 finite differences and the stock tfjs gradient`, () => {
        const rng = new Rng(11);
        const [N, I, O] = [3, 4, 5];
        const layer = createDense(I, O, { rng, init: 'glorot-uniform' });
        tf.tidy(() => layer.b!.assign(tf.mul(rng.normal([O]), 0.5)));
        const x = rng.normal([N, I]);
        const c = rng.normal([N, O]);
        const before = tf.memory().numTensors;

        const ours = tf.grads((xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) => {
          const yy = tf.engine().runKernel('VmodelDense', { x: xx, w: ww, b: bb }, { activation: act }) as tf.Tensor;
          return tf.sum(tf.mul(yy, c));
        })([x, layer.w, layer.b!]);
        const stock = tf.grads((xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) =>
          tf.sum(tf.mul(activate(tf.add(tf.matMul(xx, ww), bb), act), c)),
        )([x, layer.w, layer.b!]);
        for (let k = 0; k < 3; k++) expectClose(ours[k]!.dataSync(), stock[k]!.dataSync(), 1e-5, 1e-6);

        const X = x.arraySync() as number[][];
        const W = layer.w.arraySync() as number[][];
        const B = layer.b!.arraySync() as number[];
        const C = c.arraySync() as number[][];
        const L = (): number => lossF64(X, W, B, C, act);
        // Finite differences are in float64; our gradients are float32 products of O(1) numbers.
        expectClose(ours[0]!.dataSync(), finiteDiff(X, L), 1e-4, 1e-5);
        expectClose(ours[1]!.dataSync(), finiteDiff(W, L), 1e-4, 1e-5);
        expectClose(ours[2]!.dataSync(), finiteDiff(B, L), 1e-4, 1e-5);

        tf.dispose([...ours, ...stock]);
        expect(tf.memory().numTensors).toBe(before);
        tf.dispose([x, c, ...denseVariables(layer)]);
      });
    }

    for (const act of ['relu', 'identity'] as const) {
      it(`${act} on a mostly-zero input (the sparse kernels on WASM): value and gradients equal the stock ones`, async () => {
        const rng = new Rng(21);
        const [N, I, O] = [37, 50, 30]; // odd sizes: the kernels' scalar tails run too
        const layer = createDense(I, O, { rng, init: 'glorot-uniform' });
        // 10 % of the entries on, a few of them not 1 (the kernels scale by the value).
        const x = tf.tidy(() => tf.mul(tf.cast(tf.less(rng.uniform([N, I]), 0.1), 'float32'), tf.add(1, tf.mul(rng.uniform([N, I]), tf.cast(tf.less(rng.uniform([N, I]), 0.2), 'float32')))));
        const c = rng.normal([N, O]);
        const before = tf.memory().numTensors;
        const f = (stockOp: boolean) => tf.grads((ww: tf.Tensor, bb: tf.Tensor) => {
          const yy = stockOp ? activate(tf.add(tf.matMul(x, ww), bb), act) : (tf.engine().runKernel('VmodelDense', { x, w: ww, b: bb }, { activation: act }) as tf.Tensor);
          return tf.sum(tf.mul(yy, c));
        })([layer.w, layer.b!]);
        const [ours, stock] = [f(false), f(true)];
        for (let k = 0; k < 2; k++) expectClose(ours[k]!.dataSync(), stock[k]!.dataSync(), 1e-5, 1e-5);
        const y = tf.engine().runKernel('VmodelDense', { x, w: layer.w, b: layer.b! }, { activation: act }) as tf.Tensor;
        const ref = tf.tidy(() => activate(tf.add(tf.matMul(x, layer.w), layer.b!), act));
        expectClose(y.dataSync(), ref.dataSync(), 1e-5, 1e-5);
        const profile = await tf.profile(() => tf.engine().runKernel('VmodelDense', { x, w: layer.w, b: layer.b! }, { activation: act }) as tf.Tensor);
        expect(profile.kernels.some((k) => k.name === '_FusedMatMul')).toBe(backend === 'cpu');
        tf.dispose(profile.result as tf.Tensor);
        tf.dispose([...ours, ...stock, y, ref]);
        expect(tf.memory().numTensors).toBe(before);
        tf.dispose([x, c, ...denseVariables(layer)]);
      });
    }

    it('gradients through leading axes equal those of the flattened input', () => {
      const rng = new Rng(5);
      const layer = createDense(4, 3, { rng });
      const x = rng.normal([2, 3, 4]);
      const f = (xx: tf.Tensor) => () => tf.sum(tf.square(applyDense(layer, xx, 'softplus'))) as tf.Scalar;
      const a = tf.variableGrads(f(x), denseVariables(layer));
      const flat = x.reshape([6, 4]);
      const b = tf.variableGrads(f(flat), denseVariables(layer));
      for (const k of Object.keys(a.grads)) expectClose(a.grads[k]!.dataSync(), b.grads[k]!.dataSync(), 1e-6, 1e-6);
      tf.dispose([x, flat, a.value, b.value, ...Object.values(a.grads), ...Object.values(b.grads), ...denseVariables(layer)]);
    });

    it('computes no input gradient when the input is data', () => {
      const rng = new Rng(6);
      const layer = createDense(6, 5, { rng });
      const x = rng.normal([4, 6]);
      const products = productsOf(() => {
        const { value, grads } = tf.variableGrads(() => tf.sum(applyDense(layer, x, 'relu')) as tf.Scalar, denseVariables(layer));
        tf.dispose([value, ...Object.values(grads)]);
      });
      // one forward product and one backward product (dW [6, 5]); dX = dz Wᵀ [4, 6] is never formed
      expect(products.map((p) => p.shape.join('x'))).toEqual(['4x5', '6x5']);
      tf.dispose([x, ...denseVariables(layer)]);
    });

    it(`runs ${backend === 'wasm' ? 'every product on our kernels' : 'flagged (transposed) products'} in the backward pass of a hidden layer`, () => {
      const rng = new Rng(12);
      const [l1, l2] = [createDense(6, 5, { rng }), createDense(5, 4, { rng })];
      const x = rng.normal([3, 6]);
      let grads: tf.NamedTensorMap = {};
      const products = productsOf(() => {
        const result = tf.variableGrads(
          () => tf.sum(applyDense(l2, applyDense(l1, x, 'tanh'))) as tf.Scalar,
          [...denseVariables(l1), ...denseVariables(l2)],
        );
        grads = { value: result.value, ...result.grads };
      });
      // forward: 2 products; backward: dW for both layers and dx for the second (its input h needs a gradient)
      expect(products).toHaveLength(5);
      expect(products.filter((p) => p.flagged)).toHaveLength(backend === 'wasm' ? 0 : 3);
      expect(products.filter((p) => p.tfjs)).toHaveLength(backend === 'wasm' ? 0 : 5);
      tf.dispose([x, ...Object.values(grads), ...denseVariables(l1), ...denseVariables(l2)]);
    });

    it('leaves no tensors behind after repeated gradient steps', () => {
      const rng = new Rng(7);
      const layer = createDense(8, 3, { rng });
      const x = rng.normal([5, 8]);
      const step = (): void => {
        const { value, grads } = tf.variableGrads(() => tf.mean(applyDense(layer, x, 'elu')) as tf.Scalar, denseVariables(layer));
        tf.tidy(() => {
          layer.w.assign(tf.sub(layer.w, tf.mul(grads[layer.w.name]!, 0.1)));
        });
        tf.dispose([value, ...Object.values(grads)]);
      };
      step();
      const before = tf.memory().numTensors;
      for (let i = 0; i < 5; i++) step();
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([x, ...denseVariables(layer)]);
    });

    it('rejects an input whose last axis does not match, naming the layer and shape', () => {
      const layer = createDense(4, 2, { rng: new Rng(1), name: `bad-${backend}` });
      const x = tf.zeros([3, 5]);
      expect(() => applyDense(layer, x)).toThrow(`dense layer 'bad-${backend}/w': expected input [..., 4], got shape [3, 5]`);
      expect(() => createDense(0, 2, { rng: new Rng(1) })).toThrow('inFeatures must be a positive integer, got 0');
      const before = tf.memory().numTensors;
      expect(() => createDense(4, 2, { rng: new Rng(1), name: `bad-${backend}` })).toThrow(
        `createDense 'bad-${backend}': a variable named 'bad-${backend}/w' already exists; dispose that layer first or choose another name`,
      );
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([x, ...denseVariables(layer)]);
    });
  });
}
