/**
 * The multithreaded WASM backend under Node.
 *
 * tfjs ships a threaded SIMD build of its WASM backend but never uses it under Node:
 * `WASM_HAS_MULTITHREAD_SUPPORT` is hard-wired to false there, and its loader passes Emscripten
 * `blob:` URLs, which `worker_threads` rejects. Emscripten's own Node support works once it is
 * given file paths, so this module loads the threaded build itself and registers it as the `wasm`
 * backend, with every kernel tfjs registered for `wasm`. What we want from that build is its
 * *shared* memory: our own kernels (wasm-kernels.ts) run on several threads over it
 * (kernel-pool.ts), and they do the work that pays for threads (matrix products, the optimizer).
 *
 *   - The pthread worker script, which tfjs only ships as a string, is written once to a file in the
 *     OS temporary directory (content-addressed, so concurrent processes agree).
 *   - tfjs's own XNNPACK pool is kept to the calling thread: its idle workers spin, and on two cores a
 *     spinning XNNPACK worker slowed the VAE step by a quarter (docs/performance.md). tfjs sizes that
 *     pool as min(asked, logical cores / 2), so the `emscripten_num_logical_cores` import says 2.
 *   - Emscripten pre-starts 8 workers; none is used, so all are terminated.
 *
 * Results do not depend on the thread count: each of our kernels gives every output value to one
 * thread, which computes it whole (the test compares 1 and 2 threads bit for bit).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';

/** The parts of tfjs-backend-wasm's package and Emscripten module this loader touches. */
interface WasmPackage {
  readonly BackendWasm: new (module: unknown) => tf.KernelBackend;
  readonly setThreadsCount: (n: number) => void;
}
interface PThreadWorker {
  unref(): void;
  terminate(): unknown;
}
interface EmscriptenModule {
  cwrap(name: string, ret: string | null, args: string[]): (...a: number[]) => number;
  PThread: { unusedWorkers: PThreadWorker[]; runningWorkers: PThreadWorker[] };
  tfjs?: unknown;
  /** The threads our kernels run on (read by wasm-kernels.ts and `kernelThreads`). */
  vmodelThreads?: number;
}
type Factory = (config: Record<string, unknown>) => Promise<EmscriptenModule>;

const require = createRequire(import.meta.url);

/**
 * Replace the `wasm` backend's factory by one that starts the threaded build, for our kernels to
 * run on `threads` threads. The next `tf.setBackend('wasm')` initializes it; a failure there
 * surfaces as the backend failing to initialize, like any other.
 */
export function registerThreadedWasm(pkg: WasmPackage, threads: number): void {
  tf.removeBackend('wasm');
  tf.registerBackend('wasm', async () => {
    const module = await instantiate();
    pkg.setThreadsCount(1);
    module.vmodelThreads = threads;
    const backend = new pkg.BackendWasm(module);
    for (const w of module.PThread.unusedWorkers.splice(0)) void w.terminate();
    for (const w of module.PThread.runningWorkers) w.unref();
    return backend;
  });
}

/** The threads our kernels use on the active backend: as registered above, else 1. */
export function kernelThreads(): number {
  const wasm = (tf.backend() as unknown as { wasm?: EmscriptenModule }).wasm;
  return wasm?.vmodelThreads ?? 1;
}

async function instantiate(): Promise<EmscriptenModule> {
  const root = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
  const mainScript = join(root, 'wasm-out', 'tfjs-backend-wasm-threaded-simd.js');
  const wasmFile = join(root, 'dist', 'tfjs-backend-wasm-threaded-simd.wasm');
  const factory = require(mainScript) as Factory;
  const workerScript = writeWorkerScript(join(root, 'wasm-out', 'tfjs-backend-wasm-threaded-simd.worker.js'));
  const module = await factory({
    locateFile: (path: string) => (path.endsWith('.worker.js') ? workerScript : path.endsWith('.wasm') ? wasmFile : path),
    // Each pthread worker evaluates this file to get the module factory.
    mainScriptUrlOrBlob: mainScript,
    instantiateWasm: (
      imports: { env: Record<string, unknown> },
      receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void,
    ) => {
      // tfjs sizes its XNNPACK pool as min(asked, logical cores / 2): one thread, the caller.
      imports.env.emscripten_num_logical_cores = () => 2;
      void WebAssembly.instantiate(readFileSync(wasmFile), imports as WebAssembly.Imports).then((r) =>
        receive(r.instance, r.module),
      );
      return {};
    },
  });
  // The same C entry points tfjs's own loader wraps.
  module.tfjs = {
    init: module.cwrap('init', null, []),
    initWithThreadsCount: module.cwrap('init_with_threads_count', null, ['number']),
    getThreadsCount: module.cwrap('get_threads_count', 'number', []),
    registerTensor: module.cwrap('register_tensor', null, ['number', 'number', 'number']),
    disposeData: module.cwrap('dispose_data', null, ['number']),
    dispose: module.cwrap('dispose', null, []),
  };
  return module;
}

/** tfjs exports the pthread worker as a string; Node's Worker needs it as a CommonJS file. */
function writeWorkerScript(stringModule: string): string {
  const { wasmWorkerContents } = require(stringModule) as { wasmWorkerContents: string };
  // The string holds literal newlines where the script had `\n` escapes (tfjs's loader undoes this too).
  const source = wasmWorkerContents.replace(/\n/g, '\\n');
  const digest = createHash('sha256').update(source).digest('hex').slice(0, 16);
  const file = join(tmpdir(), `vmodel-tfjs-pthread-${digest}.cjs`);
  if (!existsSync(file)) {
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, source);
    renameSync(partial, file);
  }
  return file;
}
