import { describe, expect, it } from 'vitest';
import { NameIndex } from '../../renderer/lib/name-index';
import { keptByName, nameOrder } from '../../renderer/lib/tag-order';
import { parseTagFilter } from '../../shared/tag-filter';

describe('tags kept by name', () => {
  const names = ['1.2', 'latest', '1.10', 'Branch-1', '2.0'];
  const order = nameOrder(names, 'version', 'desc');
  const kept = (query: string, versions = false) =>
    Array.from(keptByName(order, new NameIndex(names), parseTagFilter(query), versions), (i) => names[i]);

  const sorted = Array.from(order, (i) => names[i]!);
  const inOrder = (keep: readonly string[]) => sorted.filter((n) => keep.includes(n));

  it('keeps the positions whose names pass, in the sorted order', () => {
    expect(kept('')).toEqual(sorted);
    expect(kept('1')).toEqual(inOrder(['1.10', '1.2', 'Branch-1']));
    expect(kept('branch')).toEqual(['Branch-1']);
    expect(kept('1.*')).toEqual(inOrder(['1.10', '1.2']));
    expect(kept('', true)).toEqual(inOrder(['2.0', '1.10', '1.2']));
    expect(kept('nothing')).toEqual([]);
  });

  it('sorts a name list once per order: the first screen and its draw share the sort', () => {
    expect(nameOrder(names, 'version', 'desc')).toBe(order);
    expect(nameOrder([...names], 'version', 'desc')).not.toBe(order);
    expect(Array.from(nameOrder(names, 'name', 'asc'), (i) => names[i])).toEqual([
      '1.2',
      '1.10',
      '2.0',
      'Branch-1',
      'latest',
    ]);
  });

  it('puts a filter that keeps few names in order by their ranks, the same as a walk of the order', () => {
    // 4,000 names: a filter keeping under one in sixteen takes the ranks path, a wider one the walk.
    const many = Array.from({ length: 4000 }, (_, i) => (i % 4 === 3 ? `branch-${i}` : `1.${i % 40}.${i}`));
    const manyOrder = nameOrder(many, 'version', 'desc');
    const index = new NameIndex(many);
    const keptMany = (query: string, versions = false) =>
      Array.from(keptByName(manyOrder, index, parseTagFilter(query), versions), (i) => many[i]);
    const walked = (query: string, versions = false) => {
      const f = parseTagFilter(query);
      return Array.from(manyOrder, (i) => many[i]!).filter(
        (n) => f.matches(n) && (!versions || !n.startsWith('branch')),
      );
    };
    for (const query of ['1.3.', '1.39', 'branch-39', '/^1\\.2\\./', '1.*7', '1', 'xyz']) {
      expect(keptMany(query), query).toEqual(walked(query));
      expect(keptMany(query, true), `${query} (versions)`).toEqual(walked(query, true));
    }
    expect(keptMany('1.39').length * 16).toBeLessThan(many.length);
    expect(keptMany('1').length * 16).toBeGreaterThan(many.length);
  });

  it('hands back the same positions for a filter result the index remembers (Backspace costs no pass)', () => {
    const index = new NameIndex(names);
    const first = keptByName(order, index, parseTagFilter('1'), false);
    keptByName(order, index, parseTagFilter('1.1'), false);
    expect(keptByName(order, index, parseTagFilter('1'), false)).toBe(first);
    expect(Array.from(keptByName(order, index, parseTagFilter('1'), true), (i) => names[i])).toEqual(
      inOrder(['1.10', '1.2']),
    );
    expect(keptByName(order, index, parseTagFilter('1'), false)).toBe(first);
  });
});
