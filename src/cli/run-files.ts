/**
 * The files of a run directory (documented in docs/cli.md): `config.json` (the resolved
 * configuration), `checkpoint.json` (everything needed to continue the fit), `trace.csv` (the
 * objective per step), `summary.json` (final metrics) and `pictures/`. JSON files are written
 * atomically (a temporary file renamed over the old one), so a crash never leaves half a file.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FitCheckpoint } from '../inference/fit/run-fit.js';
import type { ParamStoreState } from '../inference/params/param-store.js';
import { UserError } from './errors.js';

export const CHECKPOINT_FORMAT = 'vmodel-checkpoint/1';

/** What `checkpoint.json` holds. */
export interface CheckpointFile {
  readonly format: typeof CHECKPOINT_FORMAT;
  /** SHA-256 of the model file the parameters belong to. */
  readonly modelSha256: string;
  readonly method: string;
  readonly guide: string;
  /** Training rows (per-row guide parameters have this many rows). */
  readonly rows: number;
  /** A variational fit's full loop state; an EM run's final parameters and trace. */
  readonly state: FitCheckpoint | EmCheckpoint;
}

/** The state saved by an EM run (after it, or when Ctrl-C stopped it): enough to resume it. */
export interface EmCheckpoint {
  readonly step: number;
  readonly params: ParamStoreState;
  readonly trace: readonly number[];
}

export const runPaths = (dir: string) => ({
  config: join(dir, 'config.json'),
  checkpoint: join(dir, 'checkpoint.json'),
  trace: join(dir, 'trace.csv'),
  summary: join(dir, 'summary.json'),
  pictures: join(dir, 'pictures'),
});

/** Write `text` to `path` atomically: a temporary file in the same directory, then rename. */
export function writeAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.tmp-${process.pid}`;
  writeFileSync(temp, text);
  renameSync(temp, path);
}

// JSON has no NaN or infinities; they are written as strings and read back as numbers.
const NON_FINITE = new Set(['NaN', 'Infinity', '-Infinity']);
/** Arrays at least this long whose numbers are all float32 values are stored packed. */
const PACK_MIN = 64;

function isFloat32Array(v: unknown): v is number[] {
  return Array.isArray(v) && v.length >= PACK_MIN && v.every((x) => typeof x === 'number' && Object.is(Math.fround(x), x));
}

/**
 * A long array of float32 values as `{"$f32": BASE64}`: the little-endian bytes of a Float32Array,
 * exact and about 4× smaller than decimal text (a VAE checkpoint with Adam moments: 11 MB, not 50).
 */
function encode(_key: string, v: unknown): unknown {
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  if (isFloat32Array(v)) return { $f32: Buffer.from(Float32Array.from(v).buffer).toString('base64') };
  return v;
}

function decode(_key: string, v: unknown): unknown {
  if (typeof v === 'string' && NON_FINITE.has(v)) return Number(v);
  if (v !== null && typeof v === 'object' && typeof (v as { $f32?: unknown }).$f32 === 'string') {
    const bytes = Buffer.from((v as { $f32: string }).$f32, 'base64');
    const copy = new Uint8Array(bytes); // aligned for the Float32Array view
    return Array.from(new Float32Array(copy.buffer, 0, copy.byteLength / 4));
  }
  return v;
}

/** Write JSON atomically; `compact` drops indentation (checkpoints). */
export function writeJson(path: string, value: unknown, compact = false): void {
  writeAtomic(path, `${JSON.stringify(value, encode, compact ? undefined : 1)}\n`);
}

/** Read a run file; a missing or corrupt file is a user error naming it. */
export function readJson<T>(path: string, what: string): T {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(`error: cannot read ${what} ${path}: ${code === 'ENOENT' ? 'no such file (is this a run directory written by vmodel fit?)' : (e as Error).message}`);
  }
  try {
    return JSON.parse(text, decode) as T;
  } catch (e) {
    throw new UserError(`error: ${what} ${path} is not valid JSON: ${(e as Error).message}`);
  }
}

/** `trace.csv`: one line per step, `step,objective` (objective per data row; `NaN` for a skipped step). */
export function traceCsv(trace: ArrayLike<number>): string {
  const lines = ['step,objective'];
  for (let i = 0; i < trace.length; i++) lines.push(`${i + 1},${trace[i]}`);
  return `${lines.join('\n')}\n`;
}
