/**
 * `config.json`: the resolved configuration of a run (model file and its hash, data sources,
 * settings, seed, backend, versions), from which `--resume`, `eval` and `sample` rebuild it.
 */
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataArgs } from './load-data.js';
import type { FitSettings } from './fit-settings.js';

export const RUN_FORMAT = 'vmodel-run/1';

export interface RunConfig {
  readonly format: typeof RUN_FORMAT;
  readonly command: 'fit';
  readonly created: string;
  /** The command line as typed (for people; runs are rebuilt from the fields below). */
  readonly argv: readonly string[];
  readonly model: { readonly path: string; readonly name: string; readonly sha256: string };
  readonly plugins: readonly string[];
  /** Data flags with absolute paths. */
  readonly data: DataArgs;
  readonly rows: { readonly train: number; readonly test?: number };
  readonly settings: FitSettings;
  readonly backend: { readonly name: string; readonly simd?: boolean; readonly threads?: number };
  readonly versions: Readonly<Record<string, string>>;
}

/** `runs/<model>-<method>-<UTC time>`, e.g. `runs/vae-svi-20261120-234754`. */
export function defaultRunDir(model: string, method: string, now = new Date()): string {
  return join('runs', `${model}-${method}-${now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-')}`);
}

/** Data flags with every path made absolute, so a run can be rebuilt from any directory. */
export function absoluteDataArgs(args: DataArgs): DataArgs {
  const isFraction = (t: string) => /^\d*\.\d+$|^\d+$/.test(t);
  const absTest = (t: string) => {
    if (isFraction(t)) return t;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/.exec(t);
    return m ? `${m[1]}=${resolve(m[2]!)}` : resolve(t);
  };
  return {
    ...args,
    sources: args.sources.map((s) => ({ ...s, path: resolve(s.path) })),
    ...(args.labels !== undefined ? { labels: resolve(args.labels) } : {}),
    ...(args.test !== undefined ? { test: absTest(args.test) } : {}),
    ...(args.testLabels !== undefined ? { testLabels: resolve(args.testLabels) } : {}),
  };
}

/** Versions of vmodel, Node and tfjs, for the record. */
export function versions(): Record<string, string> {
  const require = createRequire(import.meta.url);
  const versionOf = (pkg: string) => {
    try {
      return (require(`${pkg}/package.json`) as { version: string }).version;
    } catch {
      return 'unknown';
    }
  };
  return { vmodel: vmodelVersion(), node: process.versions.node, tfjs: versionOf('@tensorflow/tfjs') };
}

/** This package's version, from the nearest package.json above this module named `vmodel`. */
export function vmodelVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const path = join(dir, 'package.json');
    if (existsSync(path)) {
      const pkg = JSON.parse(readFileSync(path, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'vmodel' && pkg.version) return pkg.version;
    }
    const parent = dirname(dir);
    if (parent === dir) return 'unknown';
    dir = parent;
  }
}
