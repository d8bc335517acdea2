/**
 * Kernels of our own that work in place on the tensors of tfjs's WASM backend: the dense products
 * (tfjs's repack their right operand on every call), the sparse first layer, the Bernoulli
 * likelihood, Adam (12 tfjs kernels per variable), and a few passes the gradients need. Our small
 * module (src/runtime/kernels/kernels.c, compiled to WASM SIMD and embedded as kernels-wasm.ts)
 * imports the backend's memory, so a tensor's data is addressed by its `memoryOffset` and nothing
 * is copied. On the threaded build, whose memory is shared, large calls are split over the kernel
 * pool's threads (kernel-pool.ts); the results do not depend on the split.
 *
 * Outputs are new tensors, allocated uninitialized and written whole by the kernel. Writing in
 * place is safe only for buffers that nothing else reads under the same tensor id: the WASM
 * backend caches XNNPACK operators, with the weights packed inside, by the id of a product's right
 * operand, so a parameter changed in place would keep its old packed value. Parameters therefore
 * get a new tensor; only an optimizer's own slots (Adam's m and v) change in place, and Adam
 * declines (returns undefined) when one of them shares its buffer with another live tensor.
 *
 * Available on the WASM backend, single-threaded or threaded (a second build of the module declares
 * a shared memory); elsewhere `fusedKernels()` returns undefined and callers use tfjs ops.
 */
import * as tf from '@tensorflow/tfjs';
import { KernelPool } from './kernel-pool.js';
import { KERNELS_WASM, KERNELS_WASM_SHARED } from './kernels/kernels-wasm.js';
import { kernelThreads } from './wasm-threads.js';

export interface FusedKernels {
  /**
   * One Adam step: m ← β₁m + (1 − β₁)g and v ← β₂v + (1 − β₂)g² in place, and the new parameter
   * p − (m / (√v + ε̂))·step returned as a new tensor; bit for bit what src/optim/adam.ts computes
   * with tfjs ops. Undefined if it declined (nothing written).
   */
  adam(p: tf.Tensor, g: tf.Tensor, m: tf.Tensor, v: tf.Tensor, beta1: number, beta2: number, step: number, epsHat: number): tf.Tensor | undefined;
  /** The fraction of x's values that are not 0. */
  density(x: tf.Tensor): number;
  /** Σ of the squares of every value of every tensor (float32 per tensor): one pass each, no tfjs kernel. */
  sumOfSquares(tensors: readonly tf.Tensor[]): number;
  /** act(x W + b), act linear or relu, from the nonzero entries of x [n, in] alone. */
  sparseDense(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D | undefined, relu: boolean): tf.Tensor2D;
  /** xᵀ dz for x [n, in], dz [n, out], from the nonzero entries of x alone. */
  sparseWeightGrad(x: tf.Tensor2D, dz: tf.Tensor2D): tf.Tensor2D;
  /** act(a b + bias), act relu when `relu`: a product that reads both operands in place (no packing). */
  matMul(a: tf.Tensor2D, b: tf.Tensor2D, options?: { bias?: tf.Tensor1D; relu?: boolean }): tf.Tensor2D;
  /** xᵀ. */
  transpose(x: tf.Tensor2D): tf.Tensor2D;
  /** Σ_i x[i, :], the rows added in order. */
  columnSums(x: tf.Tensor2D): tf.Tensor1D;
  /** dy · step(y): the gradient through y = relu(z), from y. */
  reluGrad(dy: tf.Tensor, y: tf.Tensor): tf.Tensor;
  /**
   * Σ_j x_j l_j − softplus(l_j) over the last axis of logits l, x broadcasting along l's leading
   * axes (x's shape a suffix of l's, after dropping leading 1s); undefined (declined) otherwise.
   */
  bernoulliLogLik(l: tf.Tensor, x: tf.Tensor): tf.Tensor | undefined;
  /** Its gradient in l, (x − σ(l)) · dy, dy of l's shape without the last axis; undefined as above. */
  bernoulliLogitGrad(l: tf.Tensor, x: tf.Tensor, dy: tf.Tensor): tf.Tensor | undefined;
}

/** The parts of tfjs-backend-wasm's BackendWasm this module reads. */
interface WasmBackendInternals {
  // The single-threaded build exports its memory; the threaded one keeps its shared memory here.
  readonly wasm?: {
    readonly asm?: { readonly memory?: unknown };
    readonly wasmMemory?: unknown;
  };
  readonly dataIdMap?: { get(dataId: object): { memoryOffset: number; refCount: number } | undefined };
  makeOutput?(shape: number[], dtype: 'float32' | 'int32'): tf.TensorInfo;
  disposeData?(dataId: object): void;
}

/** The exports that write an output take (part, parts) last; see kernels.c and kernel-pool.ts. */
interface Exports {
  adam(out: number, p: number, g: number, m: number, v: number, n: number, b1: number, c1: number, b2: number, c2: number, step: number, eps: number, part: number, parts: number): void;
  count_nonzero(x: number, n: number): number;
  sum_squares(x: number, n: number): number;
  sparse_dense(x: number, w: number, b: number, y: number, scratch: number, n: number, inp: number, out: number, relu: number, part: number, parts: number): void;
  sparse_weight_grad(x: number, dz: number, dw: number, scratch: number, n: number, inp: number, out: number, part: number, parts: number): void;
  gemm(a: number, b: number, bias: number, c: number, m: number, k: number, n: number, relu: number, part: number, parts: number): void;
  transpose(x: number, out: number, m: number, n: number, part: number, parts: number): void;
  column_sums(x: number, out: number, m: number, n: number, part: number, parts: number): void;
  relu_grad(dy: number, y: number, dz: number, n: number, part: number, parts: number): void;
  bernoulli_loglik(l: number, x: number, out: number, rows: number, d: number, xRows: number, part: number, parts: number): void;
  bernoulli_logit_grad(l: number, x: number, dy: number, dl: number, rows: number, d: number, xRows: number, part: number, parts: number): void;
}
type PartedKernel = 'adam' | 'sparse_dense' | 'sparse_weight_grad' | 'gemm' | 'transpose' | 'column_sums' | 'relu_grad' | 'bernoulli_loglik' | 'bernoulli_logit_grad';

/**
 * What one unit of each kernel's work costs on one thread, in multiply–adds of `gemm` (~0.04 ns),
 * measured: a unit is a multiply–add of the dense product for the products (the sparse ones visit
 * ~13 % of them on binarized images), else a value written.
 */
const UNIT_COST: Readonly<Record<PartedKernel, number>> = {
  gemm: 1,
  sparse_dense: 0.75,
  sparse_weight_grad: 0.75,
  adam: 13,
  transpose: 7,
  column_sums: 4,
  relu_grad: 4,
  bernoulli_loglik: 32,
  bernoulli_logit_grad: 34,
};
/** The kernels the pool may run. */
const PARTED = Object.keys(UNIT_COST) as PartedKernel[];

/**
 * The rows of l [..., D] and of x when x broadcasts along l's leading axes as a suffix of its
 * shape; undefined when it does not, or when either is not float32.
 */
function broadcastRows(l: tf.Tensor, x: tf.Tensor): { rows: number; d: number; xRows: number } | undefined {
  const xs = x.shape.slice(x.shape.findIndex((n) => n !== 1));
  const d = l.shape[l.rank - 1];
  if (l.dtype !== 'float32' || x.dtype !== 'float32' || d === undefined || x.rank === 0 || xs.length > l.rank) return undefined;
  if (x.shape[x.rank - 1] !== d || xs.some((n, i) => n !== l.shape[l.rank - xs.length + i])) return undefined;
  return { rows: l.size / d, d, xRows: x.size / d };
}

/**
 * Work, in multiply–adds or their equivalent, below which a kernel runs on the calling thread
 * alone: a worker takes ~50 µs to wake, as long as 1–2 million multiply–adds take on one thread.
 */
const POOL_MIN_WORK = 1 << 22;

/** Parts per thread of a pooled kernel: enough for the caller to make up for a worker's late start. */
const PARTS_PER_THREAD = 8;

/** The compiled module for a plain (false) or shared (true) memory, compiled on first use. */
const modules = new Map<boolean, WebAssembly.Module>();
function compile(shared: boolean): WebAssembly.Module {
  let module = modules.get(shared);
  if (module === undefined) {
    module = new WebAssembly.Module(Buffer.from(shared ? KERNELS_WASM_SHARED : KERNELS_WASM, 'base64'));
    modules.set(shared, module);
  }
  return module;
}
const instances = new WeakMap<object, FusedKernels | null>();

/** The fused kernels for the active backend, if it is tfjs's WASM backend. */
export function fusedKernels(): FusedKernels | undefined {
  if (tf.getBackend() !== 'wasm') return undefined;
  const backend = tf.backend() as unknown as WasmBackendInternals;
  let kernels = instances.get(backend);
  if (kernels === undefined) {
    kernels = bind(backend);
    instances.set(backend, kernels);
  }
  return kernels ?? undefined;
}

function bind(backend: WasmBackendInternals): FusedKernels | null {
  const memory = backend.wasm?.asm?.memory ?? backend.wasm?.wasmMemory;
  const data = backend.dataIdMap;
  if (!(memory instanceof WebAssembly.Memory) || !data || !backend.makeOutput || !backend.disposeData) return null;
  const shared = memory.buffer instanceof SharedArrayBuffer;
  const module = compile(shared);
  const exports = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as Exports;
  const threads = shared ? kernelThreads() : 1;
  let pool: KernelPool | undefined;
  /** How many parts a kernel of `units` units of work runs in: one (here) unless the pool gains. */
  const partsFor = (kernel: PartedKernel, units: number): number =>
    threads > 1 && units * UNIT_COST[kernel] >= POOL_MIN_WORK ? PARTS_PER_THREAD * threads : 1;
  /** Run a kernel in `parts` parts: over the pool's threads, or here when one. */
  const runParts = (kernel: PartedKernel, parts: number, args: number[]): void => {
    const local = exports[kernel] as (...a: number[]) => void;
    if (parts > 1) {
      pool ??= new KernelPool(module, memory, threads, PARTED);
      pool.run(kernel, local, args, parts);
    } else {
      local(...args, 0, 1);
    }
  };
  const run = (kernel: PartedKernel, units: number, ...args: number[]): void => runParts(kernel, partsFor(kernel, units), args);
  /**
   * Run a kernel that needs `words(parts)` words (ints or floats) of scratch memory, passed as its
   * argument after `before` (the scratch lives only for the call).
   */
  const runWithScratch = (kernel: PartedKernel, units: number, words: (parts: number) => number, before: number[], after: number[]): void => {
    const parts = partsFor(kernel, units);
    const scratch = backend.makeOutput!([words(parts)], 'int32');
    try {
      runParts(kernel, parts, [...before, data.get(scratch.dataId)!.memoryOffset, ...after]);
    } finally {
      backend.disposeData!(scratch.dataId);
    }
  };
  const address = (t: tf.Tensor, written: boolean): number | undefined => {
    const info = t.dtype === 'float32' ? data.get(t.dataId) : undefined;
    if (info === undefined || (written && info.refCount !== 1)) return undefined;
    return info.memoryOffset;
  };
  const read = (t: tf.Tensor): number => {
    const a = address(t, false);
    if (a === undefined) throw new Error(`internal: a ${t.dtype} tensor has no float32 buffer on the WASM backend`);
    return a;
  };
  /** A new float32 tensor whose values the caller's kernel writes, every one (it starts uninitialized). */
  const output = <T extends tf.Tensor>(shape: number[]): [T, number] => {
    const t = tf.engine().makeTensorFromTensorInfo(backend.makeOutput!(shape, 'float32')) as T;
    return [t, read(t)];
  };
  return {
    adam(p, g, m, v, beta1, beta2, step, epsHat) {
      const n = p.size;
      if (g.size !== n || m.size !== n || v.size !== n) throw new Error('internal: adam kernel buffers differ in size');
      const [pa, ga, ma, va] = [address(p, false), address(g, false), address(m, true), address(v, true)];
      if (pa === undefined || ga === undefined || ma === undefined || va === undefined) return undefined;
      // The new parameter goes to a fresh tensor (a new id, so no stale packed weights).
      const [next, out] = output(p.shape);
      // 1 − β in double, as tfjs computes the scalar it multiplies by; the module rounds to float32.
      run('adam', n, out, pa, ga, ma, va, n, beta1, 1 - beta1, beta2, 1 - beta2, step, epsHat);
      return next;
    },
    sumOfSquares(tensors) {
      return tensors.reduce((total, t) => total + exports.sum_squares(read(t), t.size), 0);
    },
    density(x) {
      return x.size === 0 ? 0 : exports.count_nonzero(read(x), x.size) / x.size;
    },
    sparseDense(x, w, b, relu) {
      const [n, inp] = x.shape;
      const out = w.shape[1];
      const [y, ya] = output<tf.Tensor2D>([n, out]);
      runWithScratch('sparse_dense', n * inp * out, () => 2 * n * inp + n, [read(x), read(w), b === undefined ? 0 : read(b), ya], [n, inp, out, relu ? 1 : 0]);
      return y;
    },
    sparseWeightGrad(x, dz) {
      const [n, inp] = x.shape;
      const out = dz.shape[1];
      const [dw, dwa] = output<tf.Tensor2D>([inp, out]);
      runWithScratch('sparse_weight_grad', n * inp * out, (parts) => parts * 2 * n, [read(x), read(dz), dwa], [n, inp, out]);
      return dw;
    },
    matMul(a, b, { bias, relu = false } = {}) {
      const [m, k] = a.shape;
      const [kb, n] = b.shape;
      if (k !== kb || (bias !== undefined && bias.size !== n)) throw new Error(`internal: matMul of [${a.shape}] and [${b.shape}]`);
      const [c, ca] = output<tf.Tensor2D>([m, n]);
      run('gemm', m * k * n, read(a), read(b), bias === undefined ? 0 : read(bias), ca, m, k, n, relu ? 1 : 0);
      return c;
    },
    transpose(x) {
      const [m, n] = x.shape;
      const [t, ta] = output<tf.Tensor2D>([n, m]);
      run('transpose', m * n, read(x), ta, m, n);
      return t;
    },
    columnSums(x) {
      const [m, n] = x.shape;
      const [s, sa] = output<tf.Tensor1D>([n]);
      run('column_sums', m * n, read(x), sa, m, n);
      return s;
    },
    reluGrad(dy, y) {
      if (dy.size !== y.size) throw new Error('internal: reluGrad of tensors that differ in size');
      const [dz, dza] = output(y.shape);
      run('relu_grad', y.size, read(dy), read(y), dza, y.size);
      return dz;
    },
    bernoulliLogLik(l, x) {
      const shape = broadcastRows(l, x);
      if (shape === undefined || shape.d === 0) return undefined;
      const { rows, d, xRows } = shape;
      const [out, outa] = output(l.shape.slice(0, -1));
      run('bernoulli_loglik', l.size, read(l), read(x), outa, rows, d, xRows);
      return out;
    },
    bernoulliLogitGrad(l, x, dy) {
      const shape = broadcastRows(l, x);
      if (shape === undefined || dy.dtype !== 'float32' || dy.size !== shape.rows) return undefined;
      const { rows, d, xRows } = shape;
      const [dl, dla] = output(l.shape);
      run('bernoulli_logit_grad', l.size, read(l), read(x), read(dy), dla, rows, d, xRows);
      return dl;
    },
  };
}

let identityShared = false;

/**
 * Make the WASM backend's `Identity` share its input's buffer (as its `Reshape` does) instead of
 * copying it. tfjs clones every tensor it saves for the backward pass — 145 clones per VAE step,
 * each a copy on WASM and none needed, since no tfjs kernel writes into an input. Our kernels
 * write only into tensors they make (`writable` refuses a shared buffer).
 */
export function shareIdentityBuffers(): void {
  if (identityShared) return;
  identityShared = true;
  tf.unregisterKernel('Identity', 'wasm');
  tf.registerKernel({
    kernelName: 'Identity',
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend }) => {
      const x = inputs['x'] as tf.TensorInfo;
      (backend as unknown as { incRef(dataId: object): void }).incRef(x.dataId);
      return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
    },
  });
}
