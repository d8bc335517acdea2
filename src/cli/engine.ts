/**
 * The inference engine as the CLI uses it, loaded on first use: it pulls in tfjs, which commands
 * like `check --help` never need.
 */
export type Engine = typeof import('../inference/index.js');

let loaded: Promise<Engine> | undefined;

export function engine(): Promise<Engine> {
  loaded ??= import('../inference/index.js');
  return loaded;
}

/** An estimate per data row with its standard error (k: importance samples, for log p(x)). */
export interface PlainEstimate {
  readonly perRow: number;
  readonly standardError: number;
  readonly rows: number;
  readonly k?: number;
}

/** An estimate without its per-row values, for JSON files and tables. */
export function plainEstimate(e: PlainEstimate): PlainEstimate {
  return { perRow: e.perRow, standardError: e.standardError, rows: e.rows, ...(e.k !== undefined ? { k: e.k } : {}) };
}
