/**
 * One data source → raw fields: picks the reader by file name, un-gzips, and names single-array
 * files (.npy, IDX) after the variable they are mapped to or their file stem.
 *
 *   x=images.idx.gz     the IDX array is variable x
 *   data.csv            every column group of the CSV, by header name
 *   arrays.npz          each member NAME.npy is variable NAME (x=arrays.npz takes member x.npy)
 *   arrays/             a directory: each NAME.npy (or NAME.npy.gz) is variable NAME
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { D } from './codes.js';
import type { RawField, ReadContext } from './field.js';
import { readCsv } from './read-csv.js';
import { readIdx } from './read-idx.js';
import { readJson } from './read-json.js';
import { readNpy } from './read-npy.js';
import { readNpz } from './read-npz.js';

/** A file (or directory) of data, optionally mapped to one declared variable. */
export interface DataSource {
  readonly path: string;
  /** The variable this file provides (`x=path` on the command line). */
  readonly variable?: string;
}

export type DataFormat = 'csv' | 'json' | 'npy' | 'npz' | 'idx';

/** The format a file name says, ignoring a trailing `.gz`; undefined if unknown. */
export function formatOf(path: string): DataFormat | undefined {
  const name = basename(path).toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.json')) return 'json';
  if (name.endsWith('.npy')) return 'npy';
  if (name.endsWith('.npz')) return 'npz';
  if (name.endsWith('.idx') || /idx\d+-ubyte$/.test(name) || name.endsWith('-ubyte')) return 'idx';
  return undefined;
}

/** `x=path` → {variable: 'x', path}; anything else is a bare path. */
export function parseDataArgument(arg: string): DataSource {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/.exec(arg);
  return m ? { variable: m[1]!, path: m[2]! } : { path: arg };
}

/** The stem a single-array file names its variable by: `x.npy.gz` → `x`, `train-images-idx3-ubyte` → itself. */
function stemOf(path: string): string {
  return basename(path).replace(/\.gz$/i, '').replace(/\.(npy|idx)$/i, '');
}

export function readSource(source: DataSource, ctx: Omit<ReadContext, 'file' | 'variable'>): RawField[] {
  const file = source.path;
  const at = { file };
  let isDirectory: boolean;
  try {
    isDirectory = statSync(file).isDirectory();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    ctx.sink.error(D.unreadable, at, code === 'ENOENT' ? 'no such file or directory' : `cannot read: ${(e as Error).message}`);
    return [];
  }
  if (isDirectory) {
    if (source.variable !== undefined) {
      ctx.sink.error(D.unreadable, at, `a directory cannot be mapped to one variable ('${source.variable}')`,
        'map a single file (x=path/x.npy), or give the directory alone: each NAME.npy inside is variable NAME');
      return [];
    }
    let entries: string[];
    try {
      entries = readdirSync(file).filter((f) => /\.npy(\.gz)?$/i.test(f)).sort();
    } catch (e) {
      ctx.sink.error(D.unreadable, at, `cannot read the directory: ${(e as Error).message}`);
      return [];
    }
    if (entries.length === 0) {
      ctx.sink.error(D.empty, at, 'the directory has no .npy files');
      return [];
    }
    return entries.flatMap((f) => readSource({ path: join(file, f) }, ctx));
  }
  const format = formatOf(file);
  if (format === undefined) {
    ctx.sink.error(D.unreadable, at, 'unknown data format',
      'data files are .csv, .json, .npy, .npz, .idx or *-ubyte (each optionally .gz), or a directory of .npy files');
    return [];
  }
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  } catch (e) {
    ctx.sink.error(D.unreadable, at, `cannot read: ${(e as Error).message}`);
    return [];
  }
  const readCtx: ReadContext = { ...ctx, file, ...(source.variable !== undefined ? { variable: source.variable } : {}) };
  const name = source.variable ?? stemOf(file);
  switch (format) {
    case 'csv':
      return readCsv(new TextDecoder().decode(bytes), readCtx);
    case 'json':
      return readJson(new TextDecoder().decode(bytes), readCtx);
    case 'npz':
      return readNpz(bytes, readCtx);
    case 'npy':
    case 'idx': {
      const fields = format === 'npy' ? readNpy(bytes, name, readCtx) : readIdx(bytes, name, readCtx);
      return source.variable === undefined ? fields.map((f) => ({ ...f, nameFromFile: true })) : fields;
    }
  }
}
