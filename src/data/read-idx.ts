/**
 * IDX reader (the MNIST format). Big-endian: two zero bytes, a type byte (0x08 uint8, 0x09 int8,
 * 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64), the number of dimensions, one uint32 per
 * dimension, then the data in C order. The first dimension is the data row; images of 28×28
 * become rows of shape [28, 28], which also match a flat `binary[784]` declaration.
 *
 * Unsigned-byte images (rank ≥ 3 files) are pixel intensities: they are divided by 255 into
 * [0, 1] unless the variable is declared with an integer kind. Label files (rank 1) are kept as is.
 */
import { D } from './codes.js';
import type { NumericArray, RawField, ReadContext } from './field.js';

const TYPES: Record<number, { size: number; make: (n: number) => NumericArray; read: (v: DataView, o: number) => number }> = {
  0x08: { size: 1, make: (n) => new Uint8Array(n), read: (v, o) => v.getUint8(o) },
  0x09: { size: 1, make: (n) => new Int8Array(n), read: (v, o) => v.getInt8(o) },
  0x0b: { size: 2, make: (n) => new Int16Array(n), read: (v, o) => v.getInt16(o, false) },
  0x0c: { size: 4, make: (n) => new Int32Array(n), read: (v, o) => v.getInt32(o, false) },
  0x0d: { size: 4, make: (n) => new Float32Array(n), read: (v, o) => v.getFloat32(o, false) },
  0x0e: { size: 8, make: (n) => new Float64Array(n), read: (v, o) => v.getFloat64(o, false) },
};

/** The IDX magic number, as usually quoted: 2051 for MNIST images, 2049 for labels. */
export function idxMagic(bytes: Uint8Array): number {
  return ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
}

/** The array in C order with its full shape, or a message. */
export function decodeIdx(bytes: Uint8Array): { values: NumericArray; shape: number[]; type: number } | string {
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) return 'not an IDX file (the magic number must start with two zero bytes)';
  const type = bytes[2]!;
  const rank = bytes[3]!;
  const dtype = TYPES[type];
  if (!dtype) return `unsupported IDX element type 0x${type.toString(16).padStart(2, '0')}`;
  if (rank === 0) return 'the IDX file has 0 dimensions';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dataOffset = 4 + 4 * rank;
  if (bytes.length < dataOffset) return 'truncated IDX header';
  const shape: number[] = [];
  for (let k = 0; k < rank; k++) shape.push(view.getUint32(4 + 4 * k, false));
  const count = shape.reduce((a, b) => a * b, 1);
  const needed = dataOffset + count * dtype.size;
  if (bytes.length !== needed) {
    return `the header promises shape [${shape.join(', ')}] (${needed} bytes) but the file has ${bytes.length} bytes`;
  }
  let values: NumericArray;
  if (type === 0x08) values = bytes.slice(dataOffset, needed);
  else {
    values = dtype.make(count);
    for (let i = 0; i < count; i++) values[i] = dtype.read(view, dataOffset + i * dtype.size);
  }
  return { values, shape, type };
}

export function readIdx(bytes: Uint8Array, name: string, ctx: ReadContext): RawField[] {
  const { file, sink } = ctx;
  const decoded = decodeIdx(bytes);
  if (typeof decoded === 'string') {
    sink.error(D.malformed, { file }, decoded);
    return [];
  }
  const [n, ...shape] = decoded.shape;
  if (n === 0) {
    sink.error(D.empty, { file }, 'the file has 0 rows');
    return [];
  }
  const images = decoded.type === 0x08 && shape.length >= 2;
  return [{ name, file, n: n!, shape, values: decoded.values, ...(images ? { intensityDivisor: 255 } : {}) }];
}
