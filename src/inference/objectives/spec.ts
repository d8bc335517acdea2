/**
 * Objective spellings (`elbo`, `iwae:5`, `beta:4,warmup=1000`, `infovae:lambda=100,alpha=0`) from
 * the command line or a run's config.json. A spelling that parses names every option its objective
 * needs, with values the objective's constructor accepts, so `makeObjective` builds it. Free of
 * tfjs, so the CLI rejects a bad `--objective` without loading the engine.
 */

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
  checkOptions(kind, options);
  return { kind, options };
}

/** The options an objective cannot do without, and the values its constructor (or schedule) rejects. */
function checkOptions(kind: ObjectiveSpec['kind'], o: Readonly<Record<string, number>>): void {
  switch (kind) {
    case 'elbo':
      return;
    case 'iwae':
      if (o.k === undefined) throw new RangeError('iwae needs its number of samples: iwae:K, e.g. iwae:5');
      if (!(Number.isInteger(o.k) && o.k >= 1)) throw new RangeError(`iwae:K needs a whole number K ≥ 1, got ${o.k}`);
      return;
    case 'beta':
      // 0 steps means no annealing.
      for (const key of ['warmup', 'cycle']) {
        if ((o[key] ?? 0) < 0) throw new RangeError(`beta: ${key} must be a number of steps ≥ 0, got ${o[key]}`);
      }
      return;
    case 'infovae':
      if (o.lambda === undefined || o.alpha === undefined) {
        throw new RangeError('infovae needs lambda and alpha: infovae:lambda=L,alpha=A (α = 0, λ = 1 is the ELBO)');
      }
      if (!(o.lambda > 0)) throw new RangeError(`infovae: lambda must be > 0, got ${o.lambda}`);
      if (!(o.alpha <= 1)) throw new RangeError(`infovae: alpha must be ≤ 1, got ${o.alpha}`);
  }
}
