import { describe, expect, it } from 'vitest';
import { topologicalOrder } from '../../src/graph/topological-order.js';

const nodes = (ids: string) => ids.split(' ').map((id) => ({ id }));

describe('topologicalOrder', () => {
  it('keeps source order when nothing depends on anything', () => {
    expect(topologicalOrder(nodes('a b c'), () => []).map((n) => n.id)).toEqual(['a', 'b', 'c']);
  });
  it('moves dependencies forward, otherwise keeping source order', () => {
    const deps: Record<string, string[]> = { a: ['c'], b: [], c: ['d'], d: [] };
    expect(topologicalOrder(nodes('a b c d'), (n) => deps[n.id]!).map((n) => n.id)).toEqual(['d', 'c', 'a', 'b']);
  });
  it('ignores dependencies outside the list', () => {
    expect(topologicalOrder(nodes('a b'), (n) => (n.id === 'a' ? ['x', 'b'] : ['y'])).map((n) => n.id)).toEqual(['b', 'a']);
  });
  it('places every node exactly once in a diamond', () => {
    const deps: Record<string, string[]> = { top: ['l', 'r'], l: ['bottom'], r: ['bottom'], bottom: [] };
    const order = topologicalOrder(nodes('top l r bottom'), (n) => deps[n.id]!).map((n) => n.id);
    expect(order).toEqual(['bottom', 'l', 'r', 'top']);
  });
});
