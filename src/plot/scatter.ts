/**
 * 2-D scatter plots, coloured by label with a legend when labels are given. With more classes than
 * palette colours, marker shapes vary too, so every class (up to 24) keeps a distinct colour–shape pair.
 */
import type { TopLevelSpec } from 'vega-lite';
import { requireFinite, requireLength } from './check-input.js';
import { PlotInputError } from './plot-error.js';
import { CHART_HEIGHT, PALETTE } from './theme.js';
import { vegaLiteToSvg } from './vega-svg.js';

export interface ScatterOptions {
  readonly title: string;
  readonly xLabel?: string;
  readonly yLabel?: string;
  /** Legend title. Default 'label'. */
  readonly labelName?: string;
  /** Plot side length in CSS pixels (the plot is square). */
  readonly size?: number;
}

const SHAPES = ['circle', 'square', 'triangle-up'];

/** Class labels: integer codes (e.g. digit classes from a data file) or names. */
export type Labels = ArrayLike<number> | readonly string[];

/** Distinct labels in display order: numbers ascending, strings in order of first appearance. */
function labelDomain(labels: Labels): string[] {
  const values = Array.from(labels as ArrayLike<number | string>);
  if (values.every((v) => typeof v === 'number')) {
    return [...new Set(values as number[])].sort((a, b) => a - b).map(String);
  }
  return [...new Set(values.map(String))];
}

/** Scatter `points` (row-major n×2); `labels` (length n) colour the points. */
export async function scatter2d(
  points: ArrayLike<number>,
  labels: Labels | undefined,
  opts: ScatterOptions,
): Promise<{ svg: string }> {
  if (points.length % 2 !== 0) {
    throw new PlotInputError(`scatter2d points must be n×2 (row-major), got ${points.length} numbers`);
  }
  const n = points.length / 2;
  if (n === 0) throw new PlotInputError('scatter2d needs at least one point');
  requireFinite('scatter2d points', points);
  if (labels !== undefined) requireLength('scatter2d labels', labels, n);

  const values = Array.from({ length: n }, (_, i) => ({
    x: points[2 * i]!,
    y: points[2 * i + 1]!,
    ...(labels !== undefined ? { label: String(labels[i]) } : {}),
  }));
  // Dense clouds need smaller, more transparent markers to show where the mass is.
  const markerSize = n > 2000 ? 10 : n > 300 ? 22 : 40;
  const opacity = n > 2000 ? 0.55 : 0.8;
  const side = opts.size ?? CHART_HEIGHT + 80;

  const encoding: Record<string, unknown> = {
    x: { field: 'x', type: 'quantitative', title: opts.xLabel ?? 'x', scale: { zero: false } },
    y: { field: 'y', type: 'quantitative', title: opts.yLabel ?? 'y', scale: { zero: false } },
  };
  if (labels !== undefined) {
    const domain = labelDomain(labels);
    // The title names the label both in the legend and in each point's aria-label.
    const title = opts.labelName ?? 'label';
    encoding.color = {
      field: 'label',
      type: 'nominal',
      title,
      scale: { domain, range: domain.map((_, i) => PALETTE[i % PALETTE.length]!) },
    };
    if (domain.length > PALETTE.length) {
      encoding.shape = {
        field: 'label',
        type: 'nominal',
        title,
        scale: { domain, range: domain.map((_, i) => SHAPES[i % SHAPES.length]!) },
      };
    }
  }
  const spec = {
    title: opts.title,
    width: side,
    height: side,
    data: { values },
    mark: { type: 'point', filled: true, size: markerSize, opacity, color: PALETTE[0] },
    encoding,
  } as TopLevelSpec;
  return { svg: await vegaLiteToSvg(spec) };
}
