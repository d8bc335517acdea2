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
  /** WASM only: worker threads in use (tfjs disables them under Node, so 1). */
  readonly threads?: number;
  /** Backends tried before this one and why each was skipped (empty for an explicit request). */
  readonly skipped: readonly { readonly name: BackendName; readonly reason: string }[];
}

/** Loads a module by specifier; injectable so tests can simulate a missing package. */
export type ModuleImporter = (specifier: string) => Promise<unknown>;

export interface SelectOptions {
  readonly importer?: ModuleImporter;
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
  const wanted = parseBackendName(preference);
  if (wanted !== 'auto') {
    const failure = await activate(wanted, importer);
    if (failure !== null) throw new BackendError(`backend '${wanted}' is not available: ${failure}`);
    return describe(wanted, []);
  }
  const skipped: { name: BackendName; reason: string }[] = [];
  for (const name of AUTO_ORDER) {
    const failure = await activate(name, importer);
    if (failure === null) return describe(name, skipped);
    skipped.push({ name, reason: failure });
  }
  throw new BackendError(`no tfjs backend could be initialized: ${skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')}`);
}

/** Load (if needed) and switch to `name`; returns null on success, else the reason it failed. */
async function activate(name: BackendName, importer: ModuleImporter): Promise<string | null> {
  const pkg = PACKAGE_OF[name];
  if (pkg !== null && tf.findBackendFactory(name) === null) {
    try {
      await importer(pkg);
    } catch (e) {
      return isModuleNotFound(e) ? `${pkg} is not installed` : `${pkg} failed to load: ${message(e)}`;
    }
    if (tf.findBackendFactory(name) === null) return `${pkg} loaded but did not register a '${name}' backend`;
  }
  try {
    // setBackend resolves false (and logs) when the factory throws; it never leaves us half-switched.
    const ok = await tf.setBackend(name);
    if (!ok) return `tfjs could not initialize the '${name}' backend`;
    await tf.ready();
  } catch (e) {
    return `tfjs could not initialize the '${name}' backend: ${message(e)}`;
  }
  if (name === 'cpu') silenceNodeBanner();
  return null;
}

async function describe(name: BackendName, skipped: BackendInfo['skipped']): Promise<BackendInfo> {
  if (name !== 'wasm') return { name, skipped };
  const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
  const threads = Boolean(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')) ? navigatorThreads() : 1;
  return { name, simd, threads, skipped };
}

function navigatorThreads(): number {
  return typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 1;
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
