/** Shared helpers for the data tests: specs in one line, throwaway files in a temp directory. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderDataDiagnostic, type DataDiagnostic, type DataKind, type DataSpec } from '../../src/data/index.js';

export function spec(name: string, kind: DataKind, shape: number[] = [], kindArgs: number[] = []): DataSpec {
  return { name, kind, kindArgs, shape };
}

const dir = mkdtempSync(join(tmpdir(), 'vmodel-data-test-'));

/** Write `content` to a fresh file called `name` and return its path. */
export function tempFile(name: string, content: string | Uint8Array): string {
  const path = join(mkdtempSync(join(dir, 'f-')), name);
  writeFileSync(path, content);
  return path;
}

/** Rendered diagnostics with the temp path replaced by `FILE`, for exact comparison. */
export function rendered(diagnostics: readonly DataDiagnostic[], path?: string): string[] {
  return diagnostics.map((d) => {
    const text = renderDataDiagnostic(d);
    return path === undefined ? text : text.split(path).join('FILE');
  });
}

export const FIXTURES = join(import.meta.dirname, 'fixtures');
