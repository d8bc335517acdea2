/**
 * Helpers for the CLI's end-to-end tests: build the project into a private output directory
 * (`dist/cli-e2e`, so that builds by others writing `dist/` at the same time cannot break a run;
 * rebuilt only when a source file is newer, serialized between test files by a lock), and run
 * `vmodel` from it as a subprocess.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
const OUT = join(ROOT, 'dist/cli-e2e');
export const MAIN = join(OUT, 'cli/main.js');

/** Build unless the built executable is newer than every source file. */
export function ensureBuilt(): void {
  const stale = `[ ! -f ${MAIN} ] || [ -n "$(find ${join(ROOT, 'src')} -name '*.ts' -newer ${MAIN} | head -1)" ]`;
  // Type errors elsewhere in the project still emit JavaScript; the check below is what matters.
  const build = `if ${stale}; then npx tsc -p tsconfig.build.json --outDir ${OUT} --declaration false --sourceMap false; touch ${MAIN}; fi; true`;
  execFileSync('flock', ['/tmp/vmodel-cli-e2e-build.lock', 'sh', '-c', build], { cwd: ROOT, stdio: 'ignore' });
  if (!existsSync(MAIN) || statSync(MAIN).mtimeMs < statSync(join(ROOT, 'src/cli/main.ts')).mtimeMs) throw new Error(`${MAIN} could not be built`);
}

export interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Start `vmodel ARGS` in the repository root (pipes, so not a terminal). */
export function start(args: readonly string[]): ChildProcess {
  return spawn(process.execPath, [MAIN, ...args], { cwd: ROOT, env: { ...process.env, VMODEL_BACKEND: 'wasm', NO_COLOR: '1' } });
}

/** Wait for a started process; `onStderr` sees the error stream as it grows. */
export function finished(child: ChildProcess, onStderr?: (soFar: string) => void): Promise<Run> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
    onStderr?.(stderr);
  });
  return new Promise((done) => child.on('close', (code, signal) => done({ code, signal, stdout, stderr })));
}

export function vmodel(...args: string[]): Promise<Run> {
  return finished(start(args));
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `vmodel-cli-${prefix}-`));
}
