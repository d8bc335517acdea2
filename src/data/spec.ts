/**
 * What the model says about its data (`DataSpec`, one per `data` declaration) and what the loader
 * returns (`Dataset`: named columns of N rows each).
 *
 *   data x : binary[784]   →  { name: 'x', kind: 'binary', kindArgs: [], shape: [784] }
 *   data c : category(3)   →  { name: 'c', kind: 'category', kindArgs: [3], shape: [] }
 */
import type { ValueKind } from '../distributions/constraints/index.js';

/** The support kinds a data variable can be declared with: the language's value kinds (docs/language.md, "Types"). */
export type DataKind = ValueKind;

export const DATA_KINDS: readonly DataKind[] = [
  'real', 'positive', 'unit', 'interval', 'binary', 'int', 'count', 'category', 'simplex', 'cholesky', 'covariance',
];

/** One `data` declaration, as the compiler hands it to the loader. */
export interface DataSpec {
  readonly name: string;
  readonly kind: DataKind;
  /** `category(K)` → [K]; `interval(a, b)` → [a, b]; otherwise []. */
  readonly kindArgs: readonly number[];
  /**
   * The shape of one row's value as stored: [] for a scalar, [784] for `binary[784]`. For
   * `cholesky[..., D]` and `covariance[..., D]` this is the full matrix shape `[..., D, D]`.
   */
  readonly shape: readonly number[];
}

/** Integer kinds are stored as Int32Array; every other kind (binary included) as Float32Array. */
export type ColumnValues = Float32Array | Int32Array;

/** One loaded data variable: N rows of `rowSize` values each, row-major. */
export interface Column {
  readonly spec: DataSpec;
  readonly values: ColumnValues;
  readonly rowShape: readonly number[];
  /** The number of values in one row: the product of `rowShape`. */
  readonly rowSize: number;
  /**
   * True for a `binary` column loaded with `binarize: 'dynamic'`: `values` hold intensities in
   * [0, 1], and each minibatch draws x ~ Bernoulli(intensity) (see `dynamicBinarize`).
   */
  readonly dynamicBinarization: boolean;
  /** The file it came from. */
  readonly file: string;
}

/** A loaded, validated data set: every declared variable with the same number of rows `n`. */
export interface Dataset {
  readonly n: number;
  readonly columns: Readonly<Record<string, Column>>;
  /** Optional integer labels (e.g. MNIST digit classes), for plotting and colouring only. */
  readonly labels?: Int32Array;
  /** Where the data came from, for messages and run records. */
  readonly source: string;
}

export function isIntegerKind(kind: DataKind): boolean {
  return kind === 'int' || kind === 'count' || kind === 'category';
}

/** The product of a shape's dims (1 for a scalar). */
export function sizeOfShape(shape: readonly number[]): number {
  let size = 1;
  for (const d of shape) size *= d;
  return size;
}

/** `binary[784]`, `category(3)`, `interval(0, 1)[2, 2]`: a spec written the way the model declares it. */
export function describeSpec(spec: DataSpec): string {
  const args = spec.kindArgs.length > 0 ? `(${spec.kindArgs.join(', ')})` : '';
  let dims = spec.shape;
  // cholesky[D] and covariance[D] are declared by their matrix size, stored as [D, D].
  if ((spec.kind === 'cholesky' || spec.kind === 'covariance') && dims.length >= 2) dims = dims.slice(0, -1);
  return `${spec.kind}${args}${dims.length > 0 ? `[${dims.join(', ')}]` : ''}`;
}

/**
 * The name a user sees for one element of a variable, matching the CSV header convention:
 * `y` for a scalar, `x[3]` (1-based) for a vector, `W[1,2]` for a matrix.
 */
export function elementName(name: string, shape: readonly number[], flatIndex: number): string {
  if (shape.length === 0) return name;
  const index = new Array<number>(shape.length);
  let rest = flatIndex;
  for (let k = shape.length - 1; k >= 0; k--) {
    index[k] = (rest % shape[k]!) + 1;
    rest = Math.floor(rest / shape[k]!);
  }
  return `${name}[${index.join(',')}]`;
}
