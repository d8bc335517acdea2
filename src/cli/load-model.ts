/**
 * Reading and compiling a `.vmodel` file for a command: plugins first (so the checker knows their
 * families), then the compiler; diagnostics go to standard error and errors stop the command.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PluginModule } from '../distributions/index.js';
import type { ModelGraph } from '../graph/ir.js';
import type { CompileResult, Stage } from '../lang/compile.js';
import { hasErrors } from '../lang/diagnostics.js';
import { renderDiagnostics } from '../lang/render-diagnostic.js';
import { UserError } from './errors.js';
import type { Io } from './io.js';

export interface LoadedModel {
  readonly path: string;
  readonly text: string;
  /** SHA-256 of the file's bytes, recorded in a run's config.json. */
  readonly sha256: string;
  readonly result: CompileResult;
}

const installed = new Set<string>();

/** Import each plugin module and register its families (once per process). */
export async function loadPlugins(paths: readonly string[]): Promise<void> {
  if (paths.length === 0) return;
  const { installPlugin } = await import('../distributions/index.js');
  for (const path of paths) {
    const full = resolve(path);
    if (installed.has(full)) continue;
    let module: PluginModule;
    try {
      module = (await import(pathToFileURL(full).href)) as PluginModule;
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      const why = err.code === 'ERR_MODULE_NOT_FOUND' && err.message.includes(full) ? 'no such file' : err.message;
      throw new UserError(`error: cannot load plugin ${path}: ${why}`);
    }
    installPlugin(module, path);
    installed.add(full);
  }
}

export function sha256(bytes: string | Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Read `path`; a missing or unreadable file is a user error naming it. */
export function readModelFile(path: string): { text: string; sha256: string } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(`error: cannot read model file ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (e as Error).message}`);
  }
  return { text: bytes.toString('utf8'), sha256: sha256(bytes) };
}

/**
 * Compile `path` up to `stopAfter`, print its diagnostics (warnings included) to standard error,
 * and throw a UserError if there are errors.
 */
export async function loadModel(path: string, io: Io, options: { plugins?: readonly string[]; stopAfter?: Stage } = {}): Promise<LoadedModel> {
  await loadPlugins(options.plugins ?? []);
  const { text, sha256: hash } = readModelFile(path);
  // The compiler (the parser and the family registry, not tfjs) loads only when a model is read,
  // so that help and flag errors are instant.
  const { compileSource } = await import('../lang/compile.js');
  const result = compileSource({ path, text }, options.stopAfter ? { stopAfter: options.stopAfter } : {});
  const rendered = renderDiagnostics(result.diagnostics, { color: io.color });
  if (hasErrors(result.diagnostics)) throw new UserError(rendered);
  if (rendered) io.err(rendered);
  return { path, text, sha256: hash, result };
}

/** The compiled graph of a model that must compile completely. */
export async function loadGraph(path: string, io: Io, plugins: readonly string[]): Promise<LoadedModel & { graph: ModelGraph }> {
  const model = await loadModel(path, io, { plugins });
  if (!model.result.graph) throw new UserError(`error: ${path} produced no graph`);
  return { ...model, graph: model.result.graph };
}
