/**
 * Progress of a fit: on a terminal, one line redrawn in place (a bar, the objective per row, steps
 * per second, time left, epoch); elsewhere (CI, pipes, files) a plain log line after the first
 * step and then every few seconds, so logs stay short.
 */
import type { Progress } from '../inference/fit/run-fit.js';
import { formatDuration, formatNumber } from './format.js';
import type { Io } from './io.js';

const REDRAW_MS = 100;
const LOG_EVERY_MS = 5000;

export class ProgressReporter {
  private readonly started = performance.now();
  private lastDraw = -Infinity;
  private sum = 0;
  private count = 0;
  private firstStep: number | undefined;
  private drawn = false;
  /** The latest report not yet shown (log mode), shown by `finish`. */
  private pending: Progress | undefined;

  /** `label` names the run in log lines (e.g. the guide in `compare`). */
  constructor(private readonly io: Io, private readonly label = '') {}

  /** Record one report from the fit loop (called every step). */
  update(p: Progress): void {
    this.firstStep ??= p.step - 1;
    if (Number.isFinite(p.objective)) {
      this.sum += p.objective;
      this.count += 1;
    }
    const now = performance.now();
    const due = this.io.tty ? now - this.lastDraw >= REDRAW_MS : this.lastDraw === -Infinity || now - this.lastDraw >= LOG_EVERY_MS;
    if (!due && p.step < p.maxSteps) {
      this.pending = p;
      return;
    }
    this.pending = undefined;
    this.lastDraw = now;
    if (this.io.tty) {
      this.io.err(`\r${this.fit(`${this.bar(p)} ${this.describe(p, now, true)}`)}\x1b[K`);
      this.drawn = true;
    } else {
      this.io.err(`${this.label ? `[${this.label}] ` : ''}${this.describe(p, now, false)}\n`);
    }
    this.sum = 0;
    this.count = 0;
  }

  /** End the progress line, or log the last report if it was not shown. */
  finish(): void {
    if (this.pending && !this.io.tty) this.io.err(`${this.label ? `[${this.label}] ` : ''}${this.describe(this.pending, performance.now(), false)}\n`);
    this.pending = undefined;
    if (this.drawn) this.io.err('\n');
    this.drawn = false;
  }

  /** The report in words; `compact` fits the terminal line (with the bar) into 80 columns. */
  private describe(p: Progress, now: number, compact: boolean): string {
    const elapsed = (now - this.started) / 1000;
    const rate = (p.step - (this.firstStep ?? 0)) / Math.max(elapsed, 1e-9);
    const mean = this.count > 0 ? this.sum / this.count : p.objective;
    const left = (p.maxSteps - p.step) / Math.max(rate, 1e-9);
    const problem = p.problem ? `  (skipped: ${p.problem})` : '';
    if (compact) {
      const label = this.label ? `${this.label} · ` : '';
      return `${label}step ${p.step}/${p.maxSteps} · epoch ${p.epoch + 1} · ${formatNumber(mean)}/row · ${rate.toFixed(1)} steps/s · ${formatDuration(left)} left${problem}`;
    }
    return `step ${p.step}/${p.maxSteps}  epoch ${p.epoch + 1}  objective/row ${formatNumber(mean)}  ${rate.toFixed(1)} steps/s  ${formatDuration(left)} left${problem}`;
  }

  /** The line shortened to the terminal width: the bar goes first, then the end is cut. */
  private fit(line: string): string {
    const room = this.io.columns - 1;
    if (line.length <= room) return line;
    const withoutBar = line.replace(/^\[[#-]*\] /, '');
    return withoutBar.length <= room ? withoutBar : `${withoutBar.slice(0, room - 1)}…`;
  }

  private bar(p: Progress): string {
    const width = 10;
    const filled = Math.round((width * p.step) / Math.max(p.maxSteps, 1));
    return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
  }
}
