/**
 * The catalogue of data-loading diagnostics (D0xxx). Codes are stable: tests, docs/data.md and
 * `vmodel explain` refer to them.
 */
import type { CodeInfo } from '../lang/diagnostics.js';

export const D = {
  unreadable: 'D0001',
  empty: 'D0002',
  support: 'D0003',
  notANumber: 'D0004',
  nonFinite: 'D0005',
  missing: 'D0006',
  extra: 'D0007',
  rowLength: 'D0008',
  shape: 'D0009',
  rowCount: 'D0010',
  malformed: 'D0011',
  duplicate: 'D0012',
  noBinary: 'D0013',
} as const;

export type DataCode = (typeof D)[keyof typeof D];

export const DATA_CODES: readonly CodeInfo[] = [
  {
    code: D.unreadable, severity: 'error', stage: 'data', title: 'cannot read data file',
    explanation: 'The file does not exist, cannot be read, is not a format vmodel knows (.csv, .json, .npy, .npz, .idx, -ubyte, optionally .gz, or a directory of .npy files), or is a corrupt gzip stream.',
  },
  {
    code: D.empty, severity: 'error', stage: 'data', title: 'empty data file',
    explanation: 'The file has no data rows (a CSV with only a header, an empty JSON array, an array with 0 rows).',
  },
  {
    code: D.support, severity: 'error', stage: 'data', title: 'value outside the declared support',
    explanation: 'A value is not allowed by the variable\'s declared kind: binary not 0 or 1, count negative or fractional, category outside 0..K-1, positive not > 0, unit outside [0, 1], interval(a, b) outside [a, b], a simplex row with a negative entry or not summing to 1, a cholesky factor not lower-triangular with positive diagonal, a covariance matrix not symmetric positive-definite.',
  },
  {
    code: D.notANumber, severity: 'error', stage: 'data', title: 'value is not a number',
    explanation: 'A CSV cell is empty or not a number (`abc`), or a JSON value is a string, boolean, null or object where a number is expected.',
  },
  {
    code: D.nonFinite, severity: 'error', stage: 'data', title: 'non-finite value',
    explanation: 'A value is NaN or infinite. Models need finite data; remove or impute the row.',
  },
  {
    code: D.missing, severity: 'error', stage: 'data', title: 'missing data variable or column',
    explanation: 'The model declares a data variable (or one element of a vector variable, e.g. `x[17]`) that no data file provides.',
  },
  {
    code: D.extra, severity: 'error', stage: 'data', title: 'extra column',
    explanation: 'A data file has a column (or a file is mapped to a variable) that the model does not declare, or a CSV column indexes outside the declared shape. Drop it, declare it, or list it in the ignore option (`--ignore NAME`).',
  },
  {
    code: D.rowLength, severity: 'error', stage: 'data', title: 'row length mismatch',
    explanation: 'A CSV row has a different number of cells than the header, or a JSON row is shaped differently from the first row.',
  },
  {
    code: D.shape, severity: 'error', stage: 'data', title: 'shape mismatch',
    explanation: 'The per-row shape in the file does not match the declared shape (e.g. 28×28 images for a `real[10]` variable). A file shape may also match a flat declaration of the same size: [28, 28] matches `binary[784]`.',
  },
  {
    code: D.rowCount, severity: 'error', stage: 'data', title: 'row count mismatch',
    explanation: 'Data variables (or the labels) come from files with different numbers of rows; every variable needs one value per data row.',
  },
  {
    code: D.malformed, severity: 'error', stage: 'data', title: 'malformed data file',
    explanation: 'The file is not valid for its format: bad .npy or IDX header, unsupported dtype, truncated data, invalid JSON, or a CSV header that is not `name`, `name[i]` or `name[i,j]`.',
  },
  {
    code: D.duplicate, severity: 'error', stage: 'data', title: 'duplicate column',
    explanation: 'The same variable or CSV column is provided twice (twice in one header, or by two files).',
  },
  {
    code: D.noBinary, severity: 'warning', stage: 'data', title: 'binarization has no effect',
    explanation: 'Binarization was requested but the model declares no `binary` data variable; the data are loaded unchanged.',
  },
];
