/**
 * "Did you mean" suggestions: the known name closest to a misspelt one, within a small edit
 * distance. Used by the parser (misspelt keywords) and the checker (unknown names, families).
 */

/**
 * Optimal-string-alignment distance: the fewest insertions, deletions, substitutions and swaps of
 * two adjacent characters turning `a` into `b` (so `latnet` is one edit from `latent`).
 */
export function editDistance(a: string, b: string): number {
  // d[i][j] = distance between a[0, i) and b[0, j); three rows suffice for the swap case.
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      current.push(d);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The candidate closest to `name`, if any is close enough: within distance
 * min(3, max(1, ⌊len/2⌋)) — so a one-letter name only matches a one-edit neighbour of length ≥ 2,
 * never another one-letter name — with a difference only in letter case counting as ½.
 * Ties go to the earliest candidate; `name` itself is never suggested.
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.min(3, Math.max(1, Math.floor(name.length / 2)));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    const d = candidate.toLowerCase() === name.toLowerCase() ? 0.5 : editDistance(name, candidate);
    // Replacing every character of a short name is not a near miss.
    if (d <= limit && d < Math.max(name.length, candidate.length) && d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** `did you mean 'latent'?`, or undefined when no candidate is close. */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  const best = closestName(name, candidates);
  return best === undefined ? undefined : `did you mean '${best}'?`;
}
