/** Schedules for objective weights (β annealing): a function from the step number to a weight. */

export type Schedule = (step: number) => number;

export function constant(value: number): Schedule {
  return () => value;
}

/** Linear warm-up from `start` to `end` over `steps` steps (Bowman et al. 2016's KL annealing). */
export function linearWarmup(end: number, steps: number, start = 0): Schedule {
  if (!(steps > 0)) throw new RangeError('linear warm-up needs a positive number of steps');
  return (step) => start + (end - start) * Math.min(1, step / steps);
}

/**
 * Cyclical annealing (Fu et al. 2019): within each cycle of `period` steps, β rises linearly from 0
 * to `end` over the first `rampFraction` of the cycle and then stays at `end`.
 */
export function cyclical(end: number, period: number, rampFraction = 0.5): Schedule {
  if (!(period > 0 && rampFraction > 0 && rampFraction <= 1)) {
    throw new RangeError('cyclical annealing needs period > 0 and 0 < rampFraction ≤ 1');
  }
  return (step) => end * Math.min(1, (step % period) / (rampFraction * period));
}
