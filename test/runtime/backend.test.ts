import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AUTO_ORDER, BackendError, defaultThreads, parseBackendName, parseThreads, selectBackend, type ModuleImporter } from '../../src/runtime/backend.js';

const notInstalled: ModuleImporter = async (specifier) => {
  if (specifier === '@tensorflow/tfjs-node') throw Object.assign(new Error(`Cannot find package '${specifier}'`), { code: 'ERR_MODULE_NOT_FOUND' });
  return import(specifier);
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe('parseBackendName', () => {
  it('accepts the four names, case-insensitively', () => {
    expect(['auto', 'WASM', ' cpu ', 'tensorflow'].map(parseBackendName)).toEqual(['auto', 'wasm', 'cpu', 'tensorflow']);
  });

  it('rejects anything else, listing the accepted names', () => {
    expect(() => parseBackendName('gpu')).toThrow(BackendError);
    expect(() => parseBackendName('gpu')).toThrow("unknown backend 'gpu': expected one of auto, tensorflow, wasm, cpu");
    expect(() => parseBackendName('node')).toThrow("(the native binding is called 'tensorflow')");
  });
});

describe('selectBackend', () => {
  it('auto: skips an absent tfjs-node silently and picks WASM with SIMD', async () => {
    const warn = vi.spyOn(console, 'warn');
    const log = vi.spyOn(console, 'log');
    const info = await selectBackend('auto', { importer: notInstalled });
    expect(info.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(info.simd).toBe(true);
    expect(info.threads).toBe(1);
    expect(info.skipped).toEqual([{ name: 'tensorflow', reason: '@tensorflow/tfjs-node is not installed' }]);
    expect(warn).not.toHaveBeenCalled();
    expect(log).not.toHaveBeenCalled();
  });

  it('auto with the real importer: tfjs-node is not installed here, and its absence costs nothing', async () => {
    const warn = vi.spyOn(console, 'warn');
    const info = await selectBackend();
    expect(info.name).toBe('wasm');
    expect(info.skipped.map((s) => s.name)).toEqual(['tensorflow']);
    expect(warn).not.toHaveBeenCalled();
  });

  it('tries the auto order fastest first and falls back to CPU when WASM cannot load', async () => {
    expect(AUTO_ORDER).toEqual(['tensorflow', 'wasm', 'cpu']);
    const seen: string[] = [];
    const importer: ModuleImporter = async (specifier) => {
      seen.push(specifier);
      throw new Error('simulated: no such module here');
    };
    // WASM is already registered in this process; simulate a machine where its factory fails.
    const factory = tf.findBackendFactory('wasm');
    tf.removeBackend('wasm');
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const info = await selectBackend('auto', { importer });
      expect(info.name).toBe('cpu');
      expect(tf.getBackend()).toBe('cpu');
      expect(info.skipped).toEqual([
        { name: 'tensorflow', reason: '@tensorflow/tfjs-node failed to load: simulated: no such module here' },
        { name: 'wasm', reason: '@tensorflow/tfjs-backend-wasm failed to load: simulated: no such module here' },
      ]);
      expect(seen).toEqual(['@tensorflow/tfjs-node', '@tensorflow/tfjs-backend-wasm']);
    } finally {
      if (factory !== null) tf.registerBackend('wasm', factory);
    }
  });

  it('an explicit request for an absent backend is a clear error', async () => {
    await expect(selectBackend('tensorflow', { importer: notInstalled })).rejects.toThrow(
      "backend 'tensorflow' is not available: @tensorflow/tfjs-node is not installed",
    );
    await expect(selectBackend('tensorflow', { importer: notInstalled })).rejects.toBeInstanceOf(BackendError);
  });

  it('a package that loads but registers nothing is reported as such', async () => {
    await expect(selectBackend('tensorflow', { importer: async () => ({}) })).rejects.toThrow(
      "@tensorflow/tfjs-node loaded but did not register a 'tensorflow' backend",
    );
  });

  it('an explicit cpu or wasm request switches the active backend and prints no tfjs-node advert', async () => {
    // a fresh CPU backend instance, as on a machine where CPU is the fallback
    const cpuFactory = tf.findBackendFactory('cpu')!;
    tf.removeBackend('cpu');
    tf.registerBackend('cpu', cpuFactory);
    const warn = vi.spyOn(console, 'warn');
    expect((await selectBackend('cpu')).name).toBe('cpu');
    tf.tidy(() => tf.add(tf.tensor1d([1]), 1).dataSync());
    expect(tf.getBackend()).toBe('cpu');
    expect(warn).not.toHaveBeenCalled();
    expect((await selectBackend('wasm')).name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
  });

  it('rejects an unknown name passed without parsing', async () => {
    await expect(selectBackend('webgpu' as never)).rejects.toThrow("unknown backend 'webgpu'");
  });
});

describe('WASM thread count', () => {
  it('parses 1 to 8 and names the bad value otherwise', () => {
    expect(parseThreads('2')).toBe(2);
    for (const bad of ['0', '9', '1.5', 'two', '']) expect(() => parseThreads(bad)).toThrow(BackendError);
    expect(() => parseThreads('0')).toThrow("threads must be an integer from 1 to 8, got '0'");
  });

  it('defaults to VMODEL_THREADS, else one thread', () => {
    const saved = process.env.VMODEL_THREADS;
    try {
      process.env.VMODEL_THREADS = '3';
      expect(defaultThreads()).toBe(3);
      delete process.env.VMODEL_THREADS;
      expect(defaultThreads()).toBe(1);
    } finally {
      if (saved === undefined) delete process.env.VMODEL_THREADS;
      else process.env.VMODEL_THREADS = saved;
    }
  });
});
