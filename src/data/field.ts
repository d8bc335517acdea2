/**
 * What every reader produces before validation: a named block of N rows, each a C-ordered array
 * of `shape`, with values in whatever numeric array the file format gives (so 47 million MNIST
 * bytes stay a Uint8Array until they are converted once, into the column's own storage).
 */
import type { DataSpec } from './spec.js';
import type { DiagnosticSink } from './diagnostic.js';

export type NumericArray =
  | Float64Array
  | Float32Array
  | Int32Array
  | Int16Array
  | Int8Array
  | Uint8Array
  | Uint16Array
  | Uint32Array;

export interface RawField {
  readonly name: string;
  readonly file: string;
  readonly n: number;
  /** The shape of one row as found in the file. */
  readonly shape: readonly number[];
  readonly values: NumericArray;
  /** Values are divided by this before validation: 255 for IDX byte images (integer kinds ignore it). */
  readonly intensityDivisor?: number;
  /** The 1-based line of each row, for text formats. */
  readonly lines?: Int32Array;
  /** Flat indices of values the reader already reported (unparsable cells); validation skips them. */
  readonly reported?: ReadonlySet<number>;
  /** The reader already reported a structural problem (missing elements, ragged rows): use it only to know the variable is provided. */
  readonly broken?: boolean;
  /** The name is the file's stem, not a header or a mapping (a single-array file given unmapped). */
  readonly nameFromFile?: boolean;
  /** How the columns appear in the file, for messages about the whole field (`z[1]..z[3]`). */
  readonly display?: string;
}

/** What a reader needs besides the bytes. */
export interface ReadContext {
  readonly file: string;
  /** The declared data variables, by name. */
  readonly specs: ReadonlyMap<string, DataSpec>;
  readonly sink: DiagnosticSink;
  /** `x=path`: the file provides exactly this variable. */
  readonly variable?: string;
}
