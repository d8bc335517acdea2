/**
 * Shared test utilities for src/numerics: backend selection, reference loading, tolerance checks,
 * leak checks and finite differences.
 */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { selectBackend } from '../../src/runtime/backend.js';

/**
 * `body`'s tests once per backend — WASM, where our own kernels run, and CPU, where tfjs's ops do —
 * each in a describe block titled "TITLE on BACKEND", restoring the previous backend afterwards.
 */
export function describeOnBackends(title: string, body: () => void): void {
  for (const backend of ['wasm', 'cpu'] as const) {
    describe(`${title} on ${backend}`, () => {
      let previous: string;
      beforeAll(async () => {
        previous = tf.getBackend();
        await selectBackend(backend);
      });
      afterAll(async () => {
        await tf.setBackend(previous);
      });
      body();
    });
  }
}

/**
 * Makes sure the backend named by VMODEL_BACKEND ('wasm' or 'cpu') is active, so the suite can be run
 * once per backend: `VMODEL_BACKEND=cpu npx vitest run test/numerics`. Without the variable it keeps
 * the backend test/setup.ts chose (WASM), or the CPU backend when run without that setup.
 *
 * It also turns off tfjs's IS_TEST kernel check: on WASM that check counts the clone a
 * `tf.customGrad` saves for its backward pass as a leaked data id and throws, although the clone is
 * released with the tape (`expectNoLeak` below verifies data ids return to their count).
 */
export async function useBackendFromEnv(): Promise<string> {
  tf.env().set('IS_TEST', false);
  const name = process.env.VMODEL_BACKEND ?? tf.getBackend() ?? 'cpu';
  if (name === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
  else if (name !== 'cpu') throw new Error(`VMODEL_BACKEND must be 'cpu' or 'wasm', got '${name}'`);
  if (tf.getBackend() !== name) {
    const ok = await tf.setBackend(name);
    if (!ok) throw new Error(`tfjs backend '${name}' failed to initialize`);
  }
  await tf.ready();
  return name;
}

type Json = Record<string, unknown>;

/** Reads reference/<name>.json (written by reference/make_reference.py), decoding "Infinity"/"NaN" strings. */
export function loadReference<T = Json>(name: string): T {
  const text = readFileSync(new URL(`./reference/${name}.json`, import.meta.url), 'utf8');
  return JSON.parse(text, (_key, v) => (v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v === 'NaN' ? NaN : v)) as T;
}

export interface Tolerance {
  /** Relative error bound. */
  readonly rtol: number;
  /** Absolute error bound added to rtol·|want|: one for all entries, or one per entry. */
  readonly atol?: number | readonly number[];
}

/** Largest |got − want| / max(|want|, tiny) over finite entries (for reporting measured accuracy). */
export function maxRelativeError(got: ArrayLike<number>, want: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    if (!Number.isFinite(w)) continue;
    worst = Math.max(worst, Math.abs(got[i]! - w) / Math.max(Math.abs(w), 1e-300));
  }
  return worst;
}

/**
 * Expects |got − want| ≤ atol + rtol·|want| entrywise; infinities must match exactly and NaN must
 * meet NaN. On failure the message lists the first offending entries with their labels.
 */
export function expectClose(
  got: ArrayLike<number>,
  want: ArrayLike<number>,
  tol: Tolerance,
  label: (i: number) => string = (i) => `#${i}`,
): void {
  expect(got.length).toBe(want.length);
  const failures: string[] = [];
  for (let i = 0; i < want.length; i++) {
    const g = got[i]!;
    const w = want[i]!;
    const ok = Number.isNaN(w)
      ? Number.isNaN(g)
      : !Number.isFinite(w)
        ? g === w
        : Math.abs(g - w) <= (typeof tol.atol === 'object' ? tol.atol[i]! : (tol.atol ?? 0)) + tol.rtol * Math.abs(w);
    if (!ok) failures.push(`${label(i)}: got ${g}, want ${w} (rel err ${Math.abs(g - w) / Math.abs(w)})`);
  }
  expect(failures.slice(0, 8), `${failures.length} of ${want.length} entries out of tolerance`).toEqual([]);
}

/**
 * Runs fn (which must dispose what it returns) and expects the live tensor count, and the backend's
 * count of data buffers, to be unchanged.
 */
export function expectNoLeak(fn: () => void): void {
  const dataIds = () => tf.engine().backend.numDataIds();
  const tensorsBefore = tf.memory().numTensors;
  const buffersBefore = dataIds();
  fn();
  expect(tf.memory().numTensors).toBe(tensorsBefore);
  expect(dataIds()).toBe(buffersBefore);
}

/** Applies a unary tensor op to numbers, returning float32 results as plain numbers. */
export function apply1(op: (x: tf.Tensor) => tf.Tensor, xs: readonly number[]): number[] {
  return tf.tidy(() => Array.from(op(tf.tensor1d(xs as number[])).dataSync()));
}

/** d op(x)/dx elementwise through tf.grad (the op must be elementwise). */
export function grad1(op: (x: tf.Tensor) => tf.Tensor, xs: readonly number[]): number[] {
  return tf.tidy(() => Array.from(tf.grad((x: tf.Tensor) => op(x).sum())(tf.tensor1d(xs as number[])).dataSync()));
}

/**
 * Central difference (f(x + h) − f(x − h)) / 2h of a unary elementwise op, evaluated in float32,
 * with h = step·max(|x|, 1). Its error is about ε|f|/h + h²|f‴|/6, so callers state tolerances near 1e-3.
 */
export function centralDifference(op: (x: tf.Tensor) => tf.Tensor, xs: readonly number[], step = 1e-2): number[] {
  const hs = xs.map((x) => step * Math.max(Math.abs(x), 1));
  const up = apply1(op, xs.map((x, i) => x + hs[i]!));
  const down = apply1(op, xs.map((x, i) => x - hs[i]!));
  // The float32 inputs actually used, so the divisor matches the points evaluated.
  const f32 = (v: number) => Math.fround(v);
  return xs.map((x, i) => (up[i]! - down[i]!) / (f32(x + hs[i]!) - f32(x - hs[i]!)));
}

const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * The smallest normal float32. Results below it are subnormal: the WASM backend flushes them to 0 and
 * gradient chains underflow through them, so tests use it as the absolute bound for such entries.
 */
export const FLOAT32_MIN_NORMAL = 1.1754943508222875e-38;

/** The value float32 can hold for an exact reference: magnitudes beyond the float32 range become ±∞. */
export function float32Range(values: readonly number[]): number[] {
  return values.map((v) => (Math.abs(v) > FLOAT32_MAX ? Math.sign(v) * Infinity : v));
}

/** Reference values with their arguments, as written by make_reference.py for unary functions. */
export interface UnaryReference {
  readonly x: number[];
  readonly value: number[];
  readonly derivative: number[];
}

/** Indices i with pick(x[i]) true, and the sub-arrays they select. */
export function selectWhere<T extends object>(ref: T, pick: (i: number) => boolean): T {
  const out: Record<string, unknown> = {};
  for (const [k, arr] of Object.entries(ref)) {
    out[k] = Array.isArray(arr) ? arr.filter((_, i) => pick(i)) : arr;
  }
  return out as T;
}
