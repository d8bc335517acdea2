/**
 * Learning-rate schedules as plain data, so an optimizer's state (which includes its schedule)
 * serializes to JSON. `learningRate(schedule, t)` evaluates one at step t = 0, 1, 2, …
 *
 *   constant     lr
 *   exponential  lr · rate^(t / decaySteps)
 *   cosine       min + (lr − min) · (1 + cos(π · min(t, T) / T)) / 2
 *   warmup       inner(t) · (t + 1) / warmupSteps while t < warmupSteps, then inner(t)
 */
export type Schedule =
  | { readonly kind: 'constant'; readonly lr: number }
  | { readonly kind: 'exponential'; readonly lr: number; readonly rate: number; readonly decaySteps: number }
  | { readonly kind: 'cosine'; readonly lr: number; readonly totalSteps: number; readonly minLr?: number }
  | { readonly kind: 'warmup'; readonly warmupSteps: number; readonly inner: Schedule };

/** The learning rate at step t (t counts completed updates, starting at 0). */
export function learningRate(schedule: Schedule, t: number): number {
  switch (schedule.kind) {
    case 'constant':
      return schedule.lr;
    case 'exponential':
      return schedule.lr * Math.pow(schedule.rate, t / schedule.decaySteps);
    case 'cosine': {
      const min = schedule.minLr ?? 0;
      const progress = Math.min(t, schedule.totalSteps) / schedule.totalSteps;
      return min + ((schedule.lr - min) * (1 + Math.cos(Math.PI * progress))) / 2;
    }
    case 'warmup': {
      const inner = learningRate(schedule.inner, t);
      return t < schedule.warmupSteps ? (inner * (t + 1)) / schedule.warmupSteps : inner;
    }
  }
}

/**
 * Accept a number (constant rate) or a schedule; check every field.
 * @throws RangeError naming the offending field.
 */
export function toSchedule(lr: number | Schedule, where = 'learning rate'): Schedule {
  const s: Schedule = typeof lr === 'number' ? { kind: 'constant', lr } : lr;
  const positive = (name: string, v: number | undefined): void => {
    if (!(typeof v === 'number' && Number.isFinite(v) && v > 0)) throw new RangeError(`${where}: ${name} must be a positive number, got ${v}`);
  };
  switch (s.kind) {
    case 'constant':
      positive('lr', s.lr);
      break;
    case 'exponential':
      positive('lr', s.lr);
      positive('rate', s.rate);
      positive('decaySteps', s.decaySteps);
      break;
    case 'cosine':
      positive('lr', s.lr);
      positive('totalSteps', s.totalSteps);
      if (s.minLr !== undefined && !(s.minLr >= 0 && s.minLr <= s.lr)) throw new RangeError(`${where}: minLr must lie in [0, lr], got ${s.minLr}`);
      break;
    case 'warmup':
      positive('warmupSteps', s.warmupSteps);
      toSchedule(s.inner, where);
      break;
    default:
      throw new RangeError(`${where}: unknown schedule kind '${(s as { kind: unknown }).kind}'`);
  }
  return s;
}
