/**
 * Choosing the tfjs backend that runs every tensor operation.
 *
 * Order for `auto`, fastest first as measured on this project's benchmark machine (see
 * docs/performance.md, "Backend choice"): `tensorflow` (the native `@tensorflow/tfjs-node`
 * binding, an optional package that is never a dependency) → `wasm` (XNNPACK kernels, SIMD) →
 * `cpu` (pure JavaScript, ~30× slower on the VAE's matrix products). A backend that cannot load
 * is skipped silently; only an explicit request for it is an error.
 *
 *   const info = await selectBackend('auto');   // { name: 'wasm', simd: true, ... }
 *   await selectBackend(parseBackendName(argv.backend ?? 'auto'));
 */
import * as tf from '@tensorflow/tfjs';
import { shareIdentityBuffers } from './wasm-kernels.js';
import { MAX_THREADS } from './threads.js';
import { kernelThreads, registerThreadedWasm } from './wasm-threads.js';

export const BACKEND_PREFERENCES = ['auto', 'tensorflow', 'wasm', 'cpu'] as const;
/** What a user may ask for (`--backend`). */
export type BackendPreference = (typeof BACKEND_PREFERENCES)[number];
/** A concrete backend. */
export type BackendName = Exclude<BackendPreference, 'auto'>;

/** The `auto` order, fastest first (measured; docs/performance.md). */
export const AUTO_ORDER: readonly BackendName[] = ['tensorflow', 'wasm', 'cpu'];

/** A user-facing backend problem: unknown name, or a backend that cannot be loaded. */
export class BackendError extends Error {
  override readonly name = 'BackendError';
}

/** What was chosen, for logs and benchmark reports. */
export interface BackendInfo {
  readonly name: BackendName;
  /** WASM only: whether the SIMD build was loaded. */
  readonly simd?: boolean;
  /** WASM only: threads its kernels run on. */
  readonly threads?: number;
  /** Backends tried before this one and why each was skipped (empty for an explicit request). */
  readonly skipped: readonly { readonly name: BackendName; readonly reason: string }[];
}

/** Loads a module by specifier; injectable so tests can simulate a missing package. */
export type ModuleImporter = (specifier: string) => Promise<unknown>;

export interface SelectOptions {
  readonly importer?: ModuleImporter;
  /**
   * WASM only: threads for its kernels (default `defaultThreads()`). More than one loads tfjs's
   * threaded build (src/runtime/wasm-threads.ts). Fixed by the first WASM initialization in a process.
   */
  readonly threads?: number;
}

/** VMODEL_THREADS, validated, when it is set. */
export function threadsFromEnv(): number | undefined {
  const text = process.env.VMODEL_THREADS?.trim();
  return text ? parseThreads(text) : undefined;
}

/**
 * The thread count when the caller gives none: VMODEL_THREADS if set, else 1. The CLI chooses per
 * model instead (src/cli/backend-option.ts `threadsFor`): threads pay for networks' large products
 * but slow models made of small kernels (docs/performance.md, "Threads").
 */
export function defaultThreads(): number {
  return threadsFromEnv() ?? 1;
}

/**
 * Validate a thread count (`--threads`, VMODEL_THREADS).
 * @throws BackendError unless it is an integer from 1 to MAX_THREADS.
 */
export function parseThreads(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_THREADS) {
    throw new BackendError(`threads must be an integer from 1 to ${MAX_THREADS}, got '${value}'`);
  }
  return n;
}

const PACKAGE_OF: Readonly<Record<BackendName, string | null>> = {
  tensorflow: '@tensorflow/tfjs-node',
  wasm: '@tensorflow/tfjs-backend-wasm',
  cpu: null, // bundled with @tensorflow/tfjs
};

// A variable specifier keeps TypeScript and bundlers from resolving the optional package statically.
const defaultImporter: ModuleImporter = (specifier) => import(specifier);

/**
 * Validate a `--backend` value.
 * @throws BackendError naming the bad value and the accepted ones.
 */
export function parseBackendName(value: string): BackendPreference {
  const v = value.trim().toLowerCase();
  if ((BACKEND_PREFERENCES as readonly string[]).includes(v)) return v as BackendPreference;
  throw new BackendError(
    `unknown backend '${value}': expected one of ${BACKEND_PREFERENCES.join(', ')}` +
      (v === 'node' || v === 'tfjs-node' ? " (the native binding is called 'tensorflow')" : ''),
  );
}

/**
 * Make `preference` the active tfjs backend and return what was chosen.
 *
 * `auto` tries `AUTO_ORDER` and takes the first backend that loads and initializes. An explicit
 * name either succeeds or throws a `BackendError` that says why (e.g. the package is not installed).
 */
export async function selectBackend(
  preference: BackendPreference = 'auto',
  options: SelectOptions = {},
): Promise<BackendInfo> {
  const importer = options.importer ?? defaultImporter;
  const threads = options.threads ?? defaultThreads();
  const wanted = parseBackendName(preference);
  if (wanted !== 'auto') {
    const failure = await activate(wanted, importer, threads);
    if (failure !== null) throw new BackendError(`backend '${wanted}' is not available: ${failure}`);
    return describe(wanted, []);
  }
  const skipped: { name: BackendName; reason: string }[] = [];
  for (const name of AUTO_ORDER) {
    const failure = await activate(name, importer, threads);
    if (failure === null) return describe(name, skipped);
    skipped.push({ name, reason: failure });
  }
  throw new BackendError(`no tfjs backend could be initialized: ${skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')}`);
}

/** Load (if needed) and switch to `name`; returns null on success, else the reason it failed. */
async function activate(name: BackendName, importer: ModuleImporter, threads: number): Promise<string | null> {
  const pkg = PACKAGE_OF[name];
  if (pkg !== null && tf.findBackendFactory(name) === null) {
    let loaded: unknown;
    try {
      loaded = await importer(pkg);
    } catch (e) {
      return isModuleNotFound(e) ? `${pkg} is not installed` : `${pkg} failed to load: ${message(e)}`;
    }
    if (tf.findBackendFactory(name) === null) return `${pkg} loaded but did not register a '${name}' backend`;
    if (name === 'wasm' && threads > 1) return activateThreadedWasm(loaded, threads);
  }
  return switchTo(name);
}

/** The threaded WASM build, or tfjs's single-threaded one when the threaded build cannot start. */
async function activateThreadedWasm(pkg: unknown, threads: number): Promise<string | null> {
  const stock = tf.findBackendFactory('wasm')!;
  registerThreadedWasm(pkg as Parameters<typeof registerThreadedWasm>[0], threads);
  if ((await switchTo('wasm')) === null) return null;
  tf.removeBackend('wasm');
  tf.registerBackend('wasm', stock);
  return switchTo('wasm');
}

async function switchTo(name: BackendName): Promise<string | null> {
  try {
    // setBackend resolves false (and logs) when the factory throws; it never leaves us half-switched.
    const ok = await tf.setBackend(name);
    if (!ok) return `tfjs could not initialize the '${name}' backend`;
    await tf.ready();
  } catch (e) {
    return `tfjs could not initialize the '${name}' backend: ${message(e)}`;
  }
  if (name === 'cpu') silenceNodeBanner();
  if (name === 'wasm') shareIdentityBuffers();
  return null;
}

async function describe(name: BackendName, skipped: BackendInfo['skipped']): Promise<BackendInfo> {
  if (name !== 'wasm') return { name, skipped };
  const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
  return { name, simd, threads: kernelThreads(), skipped };
}

/**
 * The CPU backend prints an advert for tfjs-node on its first write under Node. When we fall back
 * to CPU that advert is noise (we already tried tfjs-node), so mark the banner as shown.
 */
function silenceNodeBanner(): void {
  const backend = tf.backend() as unknown as { firstUse?: boolean };
  if (typeof backend.firstUse === 'boolean') backend.firstUse = false;
}

function isModuleNotFound(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
