/**
 * Training data plus held-out data, either from a second set of files (validated against the same
 * declarations and options) or as a seeded random fraction of the training files.
 */
import { loadData, type LoadOptions, type Sources } from './load.js';
import { parseDataArgument } from './read-source.js';
import type { DataDiagnostic } from './diagnostic.js';
import type { DataSpec, Dataset } from './spec.js';
import { splitData, type RngOrSeed } from './split.js';

/** Held-out files (with their own labels file, if any), or a seeded fraction of the training rows. */
export type HeldOut =
  | { readonly sources: Sources; readonly labels?: LoadOptions['labels'] }
  | { readonly fraction: number; readonly seed: RngOrSeed };

/**
 * Parse a command-line held-out value: a fraction in (0, 1) such as `0.1`, or a data source
 * (`path` or `x=path`) to load as the held-out set.
 */
export function parseHeldOut(text: string, seed: RngOrSeed): HeldOut {
  if (/^\d*\.\d+$|^\d+$/.test(text)) {
    const fraction = Number(text);
    if (!(fraction > 0 && fraction < 1)) throw new RangeError(`held-out fraction must be in (0, 1), got ${text}`);
    return { fraction, seed };
  }
  return { sources: parseDataArgument(text) };
}

export interface TrainAndHeldOut {
  /** Both present only when there are no errors. */
  readonly train?: Dataset;
  readonly heldOut?: Dataset;
  readonly diagnostics: readonly DataDiagnostic[];
  readonly omitted: number;
}

export function loadWithHeldOut(sources: Sources, specs: readonly DataSpec[], heldOut: HeldOut, options: LoadOptions = {}): TrainAndHeldOut {
  const main = loadData(sources, specs, options);
  if ('fraction' in heldOut) {
    if (!main.dataset) return main;
    const { train, heldOut: held } = splitData(main.dataset, heldOut);
    return { train, heldOut: held, diagnostics: main.diagnostics, omitted: main.omitted };
  }
  // The training labels file does not describe the held-out rows; they have their own, or a label column.
  const { labels: _trainLabels, ...shared } = options;
  const second = loadData(heldOut.sources, specs, { ...shared, ...(heldOut.labels !== undefined ? { labels: heldOut.labels } : {}) });
  const diagnostics = [...main.diagnostics, ...second.diagnostics];
  const omitted = main.omitted + second.omitted;
  if (!main.dataset || !second.dataset) return { diagnostics, omitted };
  return { train: main.dataset, heldOut: second.dataset, diagnostics, omitted };
}
