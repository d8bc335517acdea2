/**
 * The threaded WASM backend (src/runtime/wasm-threads.ts): it starts under Node with the thread
 * count asked for, trains to the very same numbers as the single-threaded build, and lets the
 * process exit on its own. Each run is a child process, since a process initializes WASM once.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURE = resolve(import.meta.dirname, 'fixtures/threaded-fit.ts');

function run(threads: number): Promise<{ code: number | null; out: { threads: number; objectives: number[]; kernels: string } | undefined; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, String(threads)], { cwd: ROOT, env: { ...process.env, VMODEL_THREADS: '' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((done) =>
    child.on('close', (code) => {
      const line = stdout.trim().split('\n').pop();
      done({ code, out: line?.startsWith('{') ? JSON.parse(line) : undefined, stderr: stderr.slice(-2000) });
    }),
  );
}

describe('threaded WASM backend', () => {
  it('uses the threads asked for, gives the single-threaded numbers bit for bit, and exits by itself', async () => {
    const [one, two] = [await run(1), await run(2)];
    expect(one.code, one.stderr).toBe(0);
    expect(two.code, two.stderr).toBe(0);
    expect(one.out!.threads).toBe(1);
    expect(two.out!.threads).toBe(2);
    expect(two.out!.objectives).toHaveLength(12);
    expect(two.out!.objectives.every(Number.isFinite)).toBe(true);
    // Our kernels give each output value to one thread, which computes it whole: no sum is reordered.
    expect(two.out!.objectives).toEqual(one.out!.objectives);
    expect(two.out!.kernels).toBe(one.out!.kernels);
  });
});
