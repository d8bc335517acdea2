/**
 * NumPy `.npy` reader: format versions 1, 2 and 3; little-, big- and no-endian dtypes
 * (float32/64, int8/16/32/64, uint8/16/32/64, bool); C and Fortran order. The first axis is
 * the data row, the rest the row shape: an array of shape (N, 784) provides one `x : real[784]`.
 *
 * Layout: the magic `\x93NUMPY`, a major and minor version byte, the header length (uint16 LE in
 * v1, uint32 LE in v2/v3), then a Python dict literal such as
 * `{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }`, then the raw data.
 */
import { D } from './codes.js';
import type { NumericArray, RawField, ReadContext } from './field.js';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

interface Dtype {
  readonly size: number;
  /** Read element `i` starting at `offset`. */
  read(view: DataView, offset: number, little: boolean): number;
  make(n: number): NumericArray;
}

const DTYPES: Record<string, Dtype> = {
  f4: { size: 4, read: (v, o, le) => v.getFloat32(o, le), make: (n) => new Float32Array(n) },
  f8: { size: 8, read: (v, o, le) => v.getFloat64(o, le), make: (n) => new Float64Array(n) },
  i1: { size: 1, read: (v, o) => v.getInt8(o), make: (n) => new Int8Array(n) },
  i2: { size: 2, read: (v, o, le) => v.getInt16(o, le), make: (n) => new Int16Array(n) },
  i4: { size: 4, read: (v, o, le) => v.getInt32(o, le), make: (n) => new Int32Array(n) },
  i8: { size: 8, read: (v, o, le) => Number(v.getBigInt64(o, le)), make: (n) => new Float64Array(n) },
  u1: { size: 1, read: (v, o) => v.getUint8(o), make: (n) => new Uint8Array(n) },
  u2: { size: 2, read: (v, o, le) => v.getUint16(o, le), make: (n) => new Uint16Array(n) },
  u4: { size: 4, read: (v, o, le) => v.getUint32(o, le), make: (n) => new Uint32Array(n) },
  u8: { size: 8, read: (v, o, le) => Number(v.getBigUint64(o, le)), make: (n) => new Float64Array(n) },
  b1: { size: 1, read: (v, o) => v.getUint8(o), make: (n) => new Uint8Array(n) },
};

/** The parsed header of a `.npy` file. */
export interface NpyHeader {
  readonly descr: string;
  readonly fortranOrder: boolean;
  readonly shape: readonly number[];
  /** Byte offset of the data. */
  readonly dataOffset: number;
}

/** Parse the header, or return a message saying what is wrong with it. */
export function parseNpyHeader(bytes: Uint8Array): NpyHeader | string {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) return 'not a .npy file (bad magic string)';
  const major = bytes[6]!;
  if (major < 1 || major > 3) return `unsupported .npy format version ${major}.${bytes[7]}`;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lenBytes = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lenBytes) return 'truncated .npy header';
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = 8 + lenBytes;
  if (bytes.length < start + headerLength) return 'truncated .npy header';
  const text = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(start, start + headerLength));
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(text);
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(text);
  const shape = /'shape'\s*:\s*\(([^)]*)\)/.exec(text);
  if (!descr || !fortran || !shape) return `unreadable .npy header ${JSON.stringify(text.trim())}`;
  const dims = shape[1]!.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (dims.some((d) => !/^\d+$/.test(d))) return `bad shape (${shape[1]}) in .npy header`;
  return { descr: descr[1]!, fortranOrder: fortran[1] === 'True', shape: dims.map(Number), dataOffset: start + headerLength };
}

/** The array in C order with its full shape, or a message. */
export function decodeNpy(bytes: Uint8Array): { values: NumericArray; shape: number[] } | string {
  const header = parseNpyHeader(bytes);
  if (typeof header === 'string') return header;
  const m = /^([<>|=])([fiub])(\d)$/.exec(header.descr);
  const dtype = m ? DTYPES[`${m[2]}${m[3]}`] : undefined;
  if (!m || !dtype) {
    return `unsupported dtype '${header.descr}' (supported: float32/64, int8..64, uint8..64, bool)`;
  }
  const little = m[1] !== '>'; // '=' is native order, little-endian on every platform Node runs on
  const count = header.shape.reduce((a, b) => a * b, 1);
  const needed = header.dataOffset + count * dtype.size;
  if (bytes.length < needed) return `truncated data: shape (${header.shape.join(', ')}) needs ${needed} bytes, the file has ${bytes.length}`;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values = dtype.make(count);
  const shape = [...header.shape];
  if (!header.fortranOrder || shape.length < 2) {
    for (let i = 0; i < count; i++) values[i] = dtype.read(view, header.dataOffset + i * dtype.size, little);
    return { values, shape };
  }
  // Fortran order: the first index varies fastest. Walk C order, keeping the Fortran offset in step.
  const fStride = shape.map((_, k) => shape.slice(0, k).reduce((a, b) => a * b, 1));
  const index = new Array<number>(shape.length).fill(0);
  let f = 0;
  for (let i = 0; i < count; i++) {
    values[i] = dtype.read(view, header.dataOffset + f * dtype.size, little);
    for (let k = shape.length - 1; k >= 0; k--) {
      index[k]!++;
      f += fStride[k]!;
      if (index[k]! < shape[k]!) break;
      f -= fStride[k]! * shape[k]!;
      index[k] = 0;
    }
  }
  return { values, shape };
}

export function readNpy(bytes: Uint8Array, name: string, ctx: ReadContext): RawField[] {
  const { file, sink } = ctx;
  const decoded = decodeNpy(bytes);
  if (typeof decoded === 'string') {
    sink.error(D.malformed, { file }, decoded);
    return [];
  }
  const [n, ...shape] = decoded.shape;
  if (n === undefined) {
    sink.error(D.shape, { file }, 'the array is 0-dimensional; a data array needs a leading row axis', 'save an array of shape (N,) or (N, ...)');
    return [];
  }
  if (n === 0) {
    sink.error(D.empty, { file }, `the array has 0 rows (shape (${decoded.shape.join(', ')}))`);
    return [];
  }
  return [{ name, file, n, shape, values: decoded.values }];
}
