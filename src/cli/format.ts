/** Text formatting for the terminal: durations, numbers with standard errors, aligned tables. */

/** `1h02m`, `3m05s`, `42s`, `0.8s`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 10) return `${seconds.toFixed(1)}s`;
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** A number to about 4 significant digits (fixed notation between 1e-3 and 1e6). */
export function formatNumber(x: number | undefined): string {
  if (x === undefined || Number.isNaN(x)) return '–';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return x.toExponential(3);
  return x.toFixed(Math.max(0, 3 - Math.floor(Math.log10(Math.max(a, 1)))));
}

/** `−92.31 ± 0.40`. */
export function formatEstimate(e: { perRow: number; standardError: number } | undefined): string {
  return e ? `${formatNumber(e.perRow)} ± ${formatNumber(e.standardError)}` : '–';
}

/** Columns aligned with spaces; numbers (cells starting with a digit, sign or ±) right-aligned. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const numeric = header.map((_, c) => rows.length > 0 && rows.every((r) => /^[-−+\d–∞]/.test(r[c] ?? '')));
  const line = (cells: readonly string[]) =>
    cells.map((cell, c) => (numeric[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
}

/** A GitHub-flavoured Markdown table. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n') + '\n';
}

/** The 1-based, comma-separated index of flat position `i` in `shape`, as in CSV headers (`W[1,2]`). */
export function elementIndex(i: number, shape: readonly number[]): string {
  const parts: number[] = [];
  for (let d = shape.length - 1; d >= 0; d--) {
    parts.unshift((i % shape[d]!) + 1);
    i = Math.floor(i / shape[d]!);
  }
  return parts.join(',');
}
