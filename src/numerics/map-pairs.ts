/**
 * Elementwise application of a scalar host function to number arrays.
 */

/** Applies f elementwise to two equal-length arrays, or a number against an array. */
export function mapPairs(
  op: string,
  a: number | ArrayLike<number>,
  b: number | ArrayLike<number>,
  f: (x: number, y: number) => number,
): Float64Array {
  const n = typeof a === 'number' ? (typeof b === 'number' ? 1 : b.length) : a.length;
  if (typeof a !== 'number' && typeof b !== 'number' && a.length !== b.length) {
    throw new RangeError(`${op}: arguments have different lengths ${a.length} and ${b.length}`);
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = f(typeof a === 'number' ? a : a[i]!, typeof b === 'number' ? b : b[i]!);
  return out;
}
