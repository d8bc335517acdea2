/**
 * The inference-gap chart for `vmodel compare` (Cremer, Li & Duvenaud 2018). For each guide q the
 * gap between the log marginal likelihood and the ELBO splits into two parts:
 *
 *   log p(x) − ELBO[q] = (log p(x) − ELBO[q*])  +  (ELBO[q*] − ELBO[q])
 *                      =  approximation gap     +  amortization gap
 *
 * where q* is the best member of q's family for each data point (fitted per point). A non-amortized
 * guide has amortization gap 0. Each guide gets one stacked bar whose height is the total gap, with
 * the total printed above it.
 */
import type { TopLevelSpec } from 'vega-lite';
import { PlotInputError } from './plot-error.js';
import { textWidth } from './text-width.js';
import { CHART_HEIGHT, PALETTE } from './theme.js';
import { vegaLiteToSvg } from './vega-svg.js';

export interface GapRow {
  readonly guide: string;
  /** Estimate of log p(x) (e.g. IWAE with many samples), nats per data point. */
  readonly logpx: number;
  readonly elbo: number;
  readonly approxGap: number;
  readonly amortGap: number;
}

const APPROX = 'approximation gap';
const AMORT = 'amortization gap';

const show = (x: number) => Number(x.toPrecision(6));

function checkRow(row: GapRow, i: number): void {
  for (const key of ['logpx', 'elbo', 'approxGap', 'amortGap'] as const) {
    if (!Number.isFinite(row[key])) {
      throw new PlotInputError(`gapChart row ${i} (guide "${row.guide}"): ${key} is ${row[key]}, expected a finite number`);
    }
  }
  const total = row.logpx - row.elbo;
  const parts = row.approxGap + row.amortGap;
  // The parts are differences of the same estimates, so they must add up to rounding error.
  if (Math.abs(total - parts) > 1e-4 * Math.max(1, Math.abs(row.logpx))) {
    throw new PlotInputError(
      `gapChart row ${i} (guide "${row.guide}"): approxGap + amortGap = ${show(parts)} but logpx − elbo = ${show(total)}`,
    );
  }
}

/** Stacked bars of approximation and amortization gap per guide; returns the SVG. */
export async function gapChart(rows: readonly GapRow[], opts: { title?: string } = {}): Promise<{ svg: string }> {
  if (rows.length === 0) throw new PlotInputError('gapChart needs at least one guide');
  rows.forEach(checkRow);
  const guides = rows.map((r) => r.guide);
  if (new Set(guides).size !== guides.length) {
    throw new PlotInputError(`gapChart guides must be distinct, got ${guides.join(', ')}`);
  }
  const parts = rows.flatMap((r) => [
    { guide: r.guide, part: APPROX, order: 0, gap: r.approxGap },
    { guide: r.guide, part: AMORT, order: 1, gap: r.amortGap },
  ]);
  const totals = rows.map((r) => ({ guide: r.guide, total: r.logpx - r.elbo, label: (r.logpx - r.elbo).toFixed(2) }));
  // Headroom above the tallest bar for its total label.
  const top = 1.15 * Math.max(0, ...totals.map((t) => t.total));
  const x = { field: 'guide', type: 'nominal', title: 'guide', sort: guides, axis: { labelAngle: 0 } };
  const spec = {
    title: opts.title ?? 'Inference gap: log p(x) − ELBO',
    // Each bar's band is wide enough for the longest guide name under it.
    width: Math.max(220, rows.length * Math.max(90, ...guides.map((g) => textWidth(g, 12) + 24))),
    height: CHART_HEIGHT,
    layer: [
      {
        data: { values: parts },
        mark: { type: 'bar', width: { band: 0.6 } },
        encoding: {
          x,
          y: {
            field: 'gap',
            type: 'quantitative',
            stack: 'zero',
            title: 'nats per data point',
            ...(top > 0 ? { scale: { domainMax: top } } : {}),
          },
          color: {
            field: 'part',
            type: 'nominal',
            scale: { domain: [APPROX, AMORT], range: [PALETTE[0], PALETTE[3]] },
            legend: { title: null, orient: 'top' },
          },
          order: { field: 'order', type: 'quantitative' },
        },
      },
      {
        data: { values: totals },
        mark: { type: 'text', dy: -8, fontSize: 12, baseline: 'bottom' },
        encoding: { x, y: { field: 'total', type: 'quantitative' }, text: { field: 'label' } },
      },
    ],
  } as TopLevelSpec;
  return { svg: await vegaLiteToSvg(spec) };
}
