/**
 * Objectives: what the optimizer maximizes, built from the log-density terms of model and guide.
 * `parseObjective` reads the user's spelling (`elbo`, `iwae:5`, `beta:4`, `infovae:lambda=10,alpha=0`)
 * from the command line or the model's `infer` block.
 */
import { elbo } from './elbo.js';
import { infoVae } from './infovae.js';
import { iwae } from './iwae.js';
import type { Objective } from './objective.js';
import { constant, cyclical, linearWarmup } from './schedules.js';

export type { Objective, ObjectiveValue } from './objective.js';
export type { SiteTerm, Terms } from './terms.js';
export { elbo, iwae, infoVae };
export { importanceWeightedBound } from './iwae.js';
export { mmd } from './mmd.js';
export { constant, cyclical, linearWarmup, type Schedule } from './schedules.js';

/** A parsed objective spelling: the family and its options, before construction. */
export interface ObjectiveSpec {
  readonly kind: 'elbo' | 'iwae' | 'beta' | 'infovae';
  readonly options: Readonly<Record<string, number>>;
}

const ALLOWED: Record<ObjectiveSpec['kind'], { positional?: string; keys: string[] }> = {
  elbo: { keys: ['samples'] },
  iwae: { positional: 'k', keys: ['k'] },
  beta: { positional: 'beta', keys: ['beta', 'warmup', 'cycle', 'samples'] },
  infovae: { keys: ['lambda', 'alpha', 'samples'] },
};

/**
 * Parse `name` or `name:value` or `name:key=value,key=value` (also `name(…)`), e.g. `iwae:5`,
 * `beta:4,warmup=1000`, `infovae:lambda=100,alpha=0`. Throws a RangeError with the accepted forms.
 */
export function parseObjectiveSpec(text: string): ObjectiveSpec {
  const m = /^\s*([a-z]+)\s*(?:[:(]\s*(.*?)\s*\)?\s*)?$/i.exec(text);
  const kind = m?.[1]?.toLowerCase() as ObjectiveSpec['kind'] | undefined;
  if (!m || !kind || !(kind in ALLOWED)) {
    throw new RangeError(`unknown objective '${text}': use elbo, iwae:K, beta:B[,warmup=STEPS], or infovae:lambda=L,alpha=A`);
  }
  const allowed = ALLOWED[kind];
  const options: Record<string, number> = {};
  for (const part of (m[2] ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const [key, raw] = part.includes('=') ? part.split('=').map((s) => s.trim()) : [allowed.positional, part];
    if (!key || !allowed.keys.includes(key)) {
      throw new RangeError(`objective ${kind} has no option '${key ?? part}' (options: ${allowed.keys.join(', ')})`);
    }
    const value = Number(raw);
    if (!Number.isFinite(value)) throw new RangeError(`objective ${kind}: ${key} must be a number, got '${raw}'`);
    options[key] = value;
  }
  return { kind, options };
}

export function makeObjective(spec: ObjectiveSpec): Objective {
  const o = spec.options;
  switch (spec.kind) {
    case 'elbo':
      return elbo({ samples: o.samples });
    case 'iwae':
      if (o.k === undefined) throw new RangeError('iwae needs its number of samples: iwae:K, e.g. iwae:5');
      return iwae(o.k);
    case 'beta': {
      const b = o.beta ?? 1;
      const schedule = o.warmup ? linearWarmup(b, o.warmup) : o.cycle ? cyclical(b, o.cycle) : constant(b);
      const annealing = o.warmup ? `, warmup ${o.warmup}` : o.cycle ? `, cycle ${o.cycle}` : '';
      return elbo({ beta: schedule, samples: o.samples, name: `beta(${b}${annealing})` });
    }
    case 'infovae':
      if (o.lambda === undefined || o.alpha === undefined) {
        throw new RangeError('infovae needs lambda and alpha: infovae:lambda=L,alpha=A (α = 0, λ = 1 is the ELBO)');
      }
      return infoVae({ lambda: o.lambda, alpha: o.alpha, samples: o.samples });
  }
}

export function parseObjective(text: string): Objective {
  return makeObjective(parseObjectiveSpec(text));
}
