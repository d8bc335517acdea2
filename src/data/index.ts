/**
 * Data: reading data files (CSV, JSON, .npy/.npz, IDX), checking them against the model's `data`
 * declarations before training, and iterating over them (held-out splits, minibatches,
 * binarization). A `Dataset` is a set of named columns, each N rows of a declared shape in one
 * typed array; every problem in the files is a `DataDiagnostic` with a D0xxx code naming the
 * file, row and column.
 */
export type { DataKind, DataSpec, Column, ColumnValues, Dataset } from './spec.js';
export { DATA_KINDS, describeSpec, elementName, isIntegerKind, sizeOfShape } from './spec.js';
export { D, DATA_CODES, type DataCode } from './codes.js';
export type { DataDiagnostic } from './diagnostic.js';
export { renderDataDiagnostic, renderDataDiagnostics } from './render.js';
export { dataSpecsOf } from './from-graph.js';
export { loadData, type LoadOptions, type LoadResult, type Sources } from './load.js';
export { shapesMatch } from './match.js';
export { loadWithHeldOut, parseHeldOut, type HeldOut, type TrainAndHeldOut } from './held-out.js';
export { formatOf, parseDataArgument, type DataFormat, type DataSource } from './read-source.js';
export { decodeNpy, parseNpyHeader, type NpyHeader } from './read-npy.js';
export { decodeIdx, idxMagic } from './read-idx.js';
export { checkBinarize, dynamicBinarize, parseBinarize, type Binarize } from './binarize.js';
export { permutation, splitData, toRng, type RngOrSeed, type SplitOptions } from './split.js';
export { batches, type Batch, type BatchOptions } from './batches.js';
export { gatherRows, subsetRows } from './subset.js';
export { SIMPLEX_TOLERANCE, SYMMETRY_TOLERANCE } from './support.js';
