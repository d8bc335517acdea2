/**
 * Line charts: several named series on shared axes, each either bold or faint. Series that share
 * a `group` share a colour and one legend entry, which is how a raw objective (faint) and its
 * moving average (bold) are drawn as one curve.
 */
import type { TopLevelSpec } from 'vega-lite';
import { requireFinite, requireLength } from './check-input.js';
import { PlotInputError } from './plot-error.js';
import { CHART_HEIGHT, CHART_WIDTH, PALETTE } from './theme.js';
import { vegaLiteToSvg } from './vega-svg.js';

export interface LineSeries {
  readonly name: string;
  readonly x: ArrayLike<number>;
  /** Non-finite entries (a diverged step) leave a gap in the line instead of failing. */
  readonly y: ArrayLike<number>;
  /** Legend entry and colour; defaults to `name`. */
  readonly group?: string;
  /** Draw thin and translucent, behind the bold series. */
  readonly faint?: boolean;
}

export interface LineChartOptions {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly logX?: boolean;
  /** x values are counts (steps, epochs): label ticks as integers only. */
  readonly integerX?: boolean;
  /** Start the y axis here; parts of lines below it are clipped off. */
  readonly yMin?: number;
  /** A line of smaller text under the title. */
  readonly subtitle?: string;
  readonly width?: number;
  readonly height?: number;
}

interface Row {
  series: string;
  group: string;
  x: number;
  y: number | null;
}

function toRows(series: readonly LineSeries[], logX: boolean): { faint: Row[]; bold: Row[] } {
  const faint: Row[] = [];
  const bold: Row[] = [];
  series.forEach((s, k) => {
    const label = `series ${k} ("${s.name}")`;
    requireLength(`${label} y`, s.y, s.x.length);
    requireFinite(`${label} x`, s.x);
    const out = s.faint ? faint : bold;
    for (let i = 0; i < s.x.length; i++) {
      if (logX && s.x[i]! <= 0) {
        throw new PlotInputError(`${label} x[${i}] = ${s.x[i]} cannot be shown on a log x axis`);
      }
      const y = s.y[i]!;
      out.push({ series: s.name, group: s.group ?? s.name, x: s.x[i]!, y: Number.isFinite(y) ? y : null });
    }
  });
  return { faint, bold };
}

/** The Vega-Lite spec: faint series in one layer underneath, bold series in a layer on top. */
function lineChartSpec(series: readonly LineSeries[], opts: LineChartOptions): TopLevelSpec {
  if (series.length === 0) throw new PlotInputError('lineChart needs at least one series');
  const { faint, bold } = toRows(series, opts.logX ?? false);
  const groups = [...new Set(series.map((s) => s.group ?? s.name))];
  const color = {
    field: 'group',
    type: 'nominal' as const,
    scale: { domain: groups, range: groups.map((_, i) => PALETTE[i % PALETTE.length]!) },
    legend: groups.length > 1 ? { title: null, orient: 'bottom-right' as const } : null,
  };
  const x = {
    field: 'x',
    type: 'quantitative' as const,
    title: opts.xLabel,
    // The axis spans exactly the data: a 'nice' end at 5,000 for 4,690 steps only adds empty space.
    scale: opts.logX ? { type: 'log' as const, nice: false } : { zero: false, nice: false },
    ...(opts.integerX ? { axis: { format: ',d', tickMinStep: 1 } } : {}),
  };
  const y = {
    field: 'y',
    type: 'quantitative' as const,
    title: opts.yLabel,
    scale: opts.yMin === undefined ? { zero: false } : { zero: false, domainMin: opts.yMin },
  };
  const clip = opts.yMin !== undefined;
  const layer = (rows: Row[], strokeWidth: number, opacity: number) => ({
    data: { values: rows },
    mark: { type: 'line' as const, strokeWidth, opacity, clip },
    encoding: { x, y, color, detail: { field: 'series', type: 'nominal' as const } },
  });
  return {
    title: opts.subtitle === undefined ? opts.title : { text: opts.title, subtitle: opts.subtitle },
    width: opts.width ?? CHART_WIDTH,
    height: opts.height ?? CHART_HEIGHT,
    layer: [
      ...(faint.length > 0 ? [layer(faint, 1, 0.3)] : []),
      ...(bold.length > 0 ? [layer(bold, 2.2, 1)] : []),
    ],
  };
}

/** Draw series as lines: y against x, one colour per group, with a legend when there are several groups. */
export async function lineChart(
  series: readonly LineSeries[],
  opts: LineChartOptions,
): Promise<{ svg: string }> {
  return { svg: await vegaLiteToSvg(lineChartSpec(series, opts)) };
}
