/**
 * The training curve of a variational objective: the raw per-step (or per-epoch) values drawn
 * faint, their centred moving average drawn bold on top, for the training data and, when given,
 * for held-out data. Higher is better for an ELBO, so the curve should rise and flatten.
 */
import { requireInteger, requireLength } from './check-input.js';
import { lineChart, type LineSeries } from './line-chart.js';
import { movingAverage } from './moving-average.js';

/** Objective values recorded during fitting. */
export interface ObjectiveTrace {
  /** One value per step (or per epoch) on the training data, in order. */
  readonly train: ArrayLike<number>;
  /** Held-out values. */
  readonly test?: ArrayLike<number>;
  /** The step (or epoch) number of each `test` value; defaults to 1, 2, …. */
  readonly testAt?: ArrayLike<number>;
}

export interface ElboCurveOptions {
  readonly title?: string;
  /** What one x value is; labels the x axis. Default 'step'. */
  readonly unit?: 'step' | 'epoch';
  /** Name of the objective on the y axis. Default 'ELBO (nats)'. */
  readonly objective?: string;
  /**
   * Moving-average window. Default: n/20 rounded, clamped to [1, 100], so a curve of a few
   * thousand steps is smoothed over ~100 steps and a ten-epoch curve is not smoothed at all.
   */
  readonly window?: number;
}

/**
 * Where the y axis should start so that a steep early transient does not flatten the rest of the
 * curve: if the trend's full range is more than 4 times the range of its top 98%, start just
 * below its 2nd percentile; otherwise show everything (undefined).
 */
export function robustYMin(trend: readonly number[]): number | undefined {
  const v = trend.filter(Number.isFinite).sort((a, b) => a - b);
  if (v.length < 50) return undefined;
  const lo = v[Math.floor(0.02 * (v.length - 1))]!;
  const hi = v[v.length - 1]!;
  if (hi - v[0]! <= 4 * (hi - lo)) return undefined;
  return lo - 0.05 * (hi - lo);
}

/** Four significant digits with a typographic minus, as on the axes. */
const formatMinus = (v: number) => v.toPrecision(4).replace('-', '−');

function defaultWindow(n: number): number {
  return Math.min(100, Math.max(1, Math.round(n / 20)));
}

function oneToN(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}

/** A raw faint series plus its smoothed bold trend, or just the raw series when nothing is smoothed. */
function rawAndTrend(group: string, x: ArrayLike<number>, y: ArrayLike<number>, window: number): LineSeries[] {
  if (window <= 1) return [{ name: group, group, x, y }];
  return [
    { name: `${group} (raw)`, group, x, y, faint: true },
    { name: `${group} (moving average)`, group, x, y: movingAverage(y, window) },
  ];
}

/** Draw the objective trace; returns the SVG (write it with `writeFigure`). */
export async function elboCurve(trace: ObjectiveTrace, opts: ElboCurveOptions = {}): Promise<{ svg: string }> {
  const unit = opts.unit ?? 'step';
  const n = trace.train.length;
  requireInteger('ELBO trace length (train)', n, 1);
  const window = opts.window ?? defaultWindow(n);
  requireInteger('ELBO curve window', window, 1);

  const series = rawAndTrend('train', oneToN(n), trace.train, window);
  if (trace.test !== undefined && trace.test.length > 0) {
    const at = trace.testAt ?? oneToN(trace.test.length);
    requireLength('ELBO trace testAt', at, trace.test.length);
    series.push(...rawAndTrend('test', at, trace.test, opts.window ?? defaultWindow(trace.test.length)));
  }
  const objective = opts.objective ?? 'ELBO (nats)';
  const yMin = robustYMin(series.filter((s) => !s.faint).flatMap((s) => Array.from(s.y)));
  return lineChart(series, {
    title: opts.title ?? `${objective.replace(/ \(.*\)$/, '')} during fitting`,
    ...(yMin === undefined ? {} : { yMin, subtitle: `y axis cut at ${formatMinus(yMin)}: the first ${unit}s lie below` }),
    xLabel: unit,
    integerX: true,
    yLabel: objective,
  });
}
