/**
 * Text width in the charts' font. Vega measures text to place titles, axis titles and legends;
 * without a canvas it would guess 0.8 em per character (far too wide for DejaVu Sans), so we hand
 * it the font's real advance widths (tabulated in `text-widths.ts`).
 */
import { BOLD_WIDTHS, MEASURED_CHARS, REGULAR_WIDTHS } from './text-widths.js';

/** Used for characters missing from the table: about the average advance of DejaVu Sans. */
const FALLBACK_EM = 0.62;

function table(widths: readonly number[]): Map<string, number> {
  return new Map([...MEASURED_CHARS].map((c, i) => [c, widths[i]!]));
}
const REGULAR = table(REGULAR_WIDTHS);
const BOLD = table(BOLD_WIDTHS);

/** Width in pixels of `text` set in DejaVu Sans at `fontSize` pixels: fontSize · Σ advance(c). */
export function textWidth(text: string, fontSize: number, bold = false): number {
  const widths = bold ? BOLD : REGULAR;
  let em = 0;
  for (const c of text) em += widths.get(c) ?? FALLBACK_EM;
  return em * fontSize;
}

/** Whether a CSS font-weight (keyword or number) selects the bold face. */
export function isBold(weight: unknown): boolean {
  return weight === 'bold' || weight === 'bolder' || (typeof weight === 'number' && weight >= 600);
}
