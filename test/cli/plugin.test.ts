/** --plugin: the family a plugin registers is known to the checker and the engine; a bad plugin is a user error. */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { memoryIo, runCli } from '../../src/cli/index.js';
import { tempDir } from './helpers.js';

const MODEL = 'test/cli/fixtures/plugin-model.vmodel';
const PLUGIN = 'test/cli/fixtures/renamed-normal.plugin.js';

describe('--plugin', () => {
  it('without the plugin the family is unknown (exit 1)', async () => {
    const io = memoryIo();
    expect(await runCli(['check', MODEL], io)).toBe(1);
    expect(io.stderr).toContain('RenamedNormal');
  });

  it('with it, check passes and a fit runs', async () => {
    const check = memoryIo();
    expect(await runCli(['check', MODEL, '--plugin', PLUGIN], check)).toBe(0);
    expect(check.stdout).toContain(`${MODEL}: ok`);
    const dir = tempDir('plugin');
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const data = join(dir, 'y.csv');
    writeFileSync(data, 'y\n0.5\n1.5\n1.0\n');
    const fit = memoryIo();
    const code = await runCli(['fit', MODEL, '--plugin', PLUGIN, '--data', data, '--iters', '5', '--out', join(dir, 'run'), '--no-pictures', '--backend', 'wasm'], fit);
    expect(code, fit.stderr).toBe(0);
    expect(fit.stdout).toContain('5 (max-steps)');
  });

  it('a missing plugin file is a user error naming it', async () => {
    const io = memoryIo();
    expect(await runCli(['check', MODEL, '--plugin', 'test/cli/fixtures/nope.js'], io)).toBe(1);
    expect(io.stderr).toContain('cannot load plugin test/cli/fixtures/nope.js: no such file');
  });
});
