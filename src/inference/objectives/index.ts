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
import { parseObjectiveSpec, type ObjectiveSpec } from './spec.js';

export type { Objective, ObjectiveValue } from './objective.js';
export type { SiteTerm, Terms } from './terms.js';
export { elbo, iwae, infoVae };
export { importanceWeightedBound } from './iwae.js';
export { mmd } from './mmd.js';
export { constant, cyclical, linearWarmup, type Schedule } from './schedules.js';
export { parseObjectiveSpec, type ObjectiveSpec } from './spec.js';

/** Build a parsed spelling's objective (`parseObjectiveSpec` has checked its options). */
export function makeObjective(spec: ObjectiveSpec): Objective {
  const o = spec.options;
  switch (spec.kind) {
    case 'elbo':
      return elbo({ samples: o.samples });
    case 'iwae':
      return iwae(o.k!);
    case 'beta': {
      const b = o.beta ?? 1;
      const schedule = o.warmup ? linearWarmup(b, o.warmup) : o.cycle ? cyclical(b, o.cycle) : constant(b);
      const annealing = o.warmup ? `, warmup ${o.warmup}` : o.cycle ? `, cycle ${o.cycle}` : '';
      return elbo({ beta: schedule, samples: o.samples, name: `beta(${b}${annealing})` });
    }
    case 'infovae':
      return infoVae({ lambda: o.lambda!, alpha: o.alpha!, samples: o.samples });
  }
}

export function parseObjective(text: string): Objective {
  return makeObjective(parseObjectiveSpec(text));
}
