/**
 * The multithreaded WASM backend under Node.
 *
 * tfjs ships a threaded SIMD build of its WASM backend (XNNPACK with a pthreadpool) but never uses
 * it under Node: `WASM_HAS_MULTITHREAD_SUPPORT` is hard-wired to false there, and its loader passes
 * Emscripten `blob:` URLs, which `worker_threads` rejects. Emscripten's own Node support works once
 * it is given file paths, so this module loads the threaded build itself and registers it as the
 * `wasm` backend, with every kernel tfjs registered for `wasm`:
 *
 *   - the pthread worker script, which tfjs only ships as a string, is written once to a file in the
 *     OS temporary directory (content-addressed, so concurrent processes agree);
 *   - tfjs's C++ side caps its pool at half the *logical* cores (it assumes hyperthreads), which is one
 *     thread on a 2-vCPU machine; the `emscripten_num_logical_cores` import is overridden so the pool
 *     gets the number of threads asked for;
 *   - Emscripten pre-starts 8 workers; the ones the pool did not take are terminated, and the pool's
 *     own are unref'd, so an idle pool never keeps the process alive.
 *
 * Matrix products then split over the threads (the VAE's 128×784·784×400 product: 2.7 → 1.6 ms on
 * two threads; docs/performance.md). Results do not depend on the thread count: XNNPACK gives each
 * output tile to one thread, which runs the whole inner product.
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
}
type Factory = (config: Record<string, unknown>) => Promise<EmscriptenModule>;

const require = createRequire(import.meta.url);

/**
 * Replace the `wasm` backend's factory by one that starts the threaded build with `threads`
 * threads. The next `tf.setBackend('wasm')` initializes it; a failure there surfaces as the
 * backend failing to initialize, like any other.
 */
export function registerThreadedWasm(pkg: WasmPackage, threads: number): void {
  tf.removeBackend('wasm');
  tf.registerBackend('wasm', async () => {
    const module = await instantiate(threads);
    pkg.setThreadsCount(threads);
    const backend = new pkg.BackendWasm(module);
    for (const w of module.PThread.unusedWorkers.splice(0)) void w.terminate();
    for (const w of module.PThread.runningWorkers) w.unref();
    return backend;
  });
}

async function instantiate(threads: number): Promise<EmscriptenModule> {
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
      // tfjs sizes its pool as min(asked, logical cores / 2).
      imports.env.emscripten_num_logical_cores = () => 2 * threads;
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
