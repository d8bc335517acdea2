/** A stable topological order: dependencies first, otherwise source order. */

/**
 * Order `nodes` so that each comes after the nodes it depends on. Dependencies outside `nodes`
 * are ignored; the input must be acyclic (the checker guarantees it).
 */
export function topologicalOrder<T extends { readonly id: string }>(nodes: readonly T[], deps: (node: T) => readonly string[]): T[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const placed = new Set<string>();
  const out: T[] = [];
  const visit = (n: T, stack: Set<string>): void => {
    if (placed.has(n.id) || stack.has(n.id)) return;
    stack.add(n.id);
    for (const d of deps(n)) {
      const dep = byId.get(d);
      if (dep !== undefined) visit(dep, stack);
    }
    stack.delete(n.id);
    placed.add(n.id);
    out.push(n);
  };
  for (const n of nodes) visit(n, new Set());
  return out;
}
