/**
 * The kernel pool (src/runtime/kernel-pool.ts) on its own: our shared-memory module on a memory of
 * the test's, so no tfjs is involved. Parts split over threads give the calling thread's results
 * exactly, call after call; a pool that could start no worker still computes everything.
 */
import { describe, expect, it } from 'vitest';
import { KernelPool } from '../../src/runtime/kernel-pool.js';
import { KERNELS_WASM, KERNELS_WASM_SHARED } from '../../src/runtime/kernels/kernels-wasm.js';

const NAMES = ['column_sums', 'transpose'];
const module = new WebAssembly.Module(Buffer.from(KERNELS_WASM_SHARED, 'base64'));

type Kernel = (...args: number[]) => void;

/** A shared memory holding x [m, n] at byte 0, with room for outputs after it. */
function setup(m: number, n: number): { memory: WebAssembly.Memory; local: Record<string, Kernel> } {
  const memory = new WebAssembly.Memory({ initial: 64, maximum: 65536, shared: true });
  const local = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as Record<string, Kernel>;
  const x = new Float32Array(memory.buffer, 0, m * n);
  for (let i = 0; i < x.length; i++) x[i] = Math.sin(i * 0.37) * (1 + (i % 7));
  return { memory, local };
}

describe('kernel pool', () => {
  it('splits a kernel over threads with the single-threaded result bit for bit, call after call', () => {
    const [m, n] = [203, 77];
    const { memory, local } = setup(m, n);
    const [sumsAt, transposeAt] = [4 * m * n, 4 * (m * n + n)];
    local['column_sums']!(0, sumsAt, m, n, 0, 1);
    local['transpose']!(0, transposeAt, m, n, 0, 1);
    const expected = Float32Array.from(new Float32Array(memory.buffer, sumsAt, n + m * n));
    const pool = new KernelPool(module, memory, 3, NAMES);
    for (let call = 0; call < 5; call++) {
      new Float32Array(memory.buffer, sumsAt, n + m * n).fill(NaN);
      pool.run('column_sums', local['column_sums']!, [0, sumsAt, m, n], 12);
      pool.run('transpose', local['transpose']!, [0, transposeAt, m, n], 5);
      expect(new Float32Array(memory.buffer, sumsAt, n + m * n)).toEqual(expected);
    }
  });

  it('computes everything on the calling thread when no worker could start', () => {
    const [m, n] = [9, 6];
    // A memory that is not shared cannot be sent to a worker: the pool starts none.
    const memory = new WebAssembly.Memory({ initial: 1 });
    const plain = new WebAssembly.Module(Buffer.from(KERNELS_WASM, 'base64'));
    const local = new WebAssembly.Instance(plain, { env: { memory } }).exports as unknown as Record<string, Kernel>;
    const x = new Float32Array(memory.buffer, 0, m * n);
    for (let i = 0; i < x.length; i++) x[i] = i - 20;
    const pool = new KernelPool(module, memory, 2, NAMES);
    const parts: number[] = [];
    const sumsAt = 4 * m * n;
    pool.run('column_sums', (...args: number[]) => {
      parts.push(args[args.length - 2]!);
      local['column_sums']!(...args);
    }, [0, sumsAt, m, n], 4);
    expect(parts).toEqual([0, 1, 2, 3]);
    const want = Array.from({ length: n }, (_, j) => Array.from({ length: m }, (_, i) => x[i * n + j]!).reduce((a, b) => a + b, 0));
    expect(Array.from(new Float32Array(memory.buffer, sumsAt, n))).toEqual(want);
  });
});
