import { describe, expect, it } from 'vitest';
import { versionOrder } from '../../renderer/lib/version-order';
import { type SortDirection, tagComparator } from '../../shared/tag-sort';
import { hugeTagName } from '../harness/huge-repo';
import { sampleTricky } from './tricky-versions';

/** reference is the order a stable sort with the table's comparator gives: what versionOrder must match. */
function reference(names: readonly string[], direction: SortDirection): string[] {
  const compare = tagComparator('version', direction);
  return names
    .map((tag) => ({ tag, created: null, size: null }))
    .sort(compare)
    .map((t) => t.tag);
}

const inOrder = (names: readonly string[], direction: SortDirection) =>
  Array.from(versionOrder(names, direction), (i) => names[i]!);

describe('versionOrder (the default order, fast)', () => {
  it('orders like the table comparator: latest, names A to Z, newest versions; ascending the reverse rule', () => {
    const names = ['1.2', 'latest', '1.10', 'Branch-1', '2.0', 'alpha', '2.0-rc1', '1.2.0'];
    expect(inOrder(names, 'desc')).toEqual([
      'latest',
      'alpha',
      'Branch-1',
      '2.0',
      '2.0-rc1',
      '1.10',
      '1.2.0',
      '1.2',
    ]);
    expect(inOrder(names, 'asc')).toEqual([
      '1.2',
      '1.2.0',
      '1.10',
      '2.0-rc1',
      '2.0',
      'alpha',
      'Branch-1',
      'latest',
    ]);
  });

  it('matches the comparator on ties, pre-releases, builds, leading zeros and numbers too large to pack', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const names = sampleTricky(seed, 30);
      for (const direction of ['asc', 'desc'] as const)
        expect(inOrder(names, direction)).toEqual(reference(names, direction));
    }
  });

  it('matches the comparator on the 100,000-tag bench repository, names and versions mixed', () => {
    const names = Array.from({ length: 20_000 }, (_, i) => hugeTagName(i * 5));
    for (const direction of ['asc', 'desc'] as const)
      expect(inOrder(names, direction)).toEqual(reference(names, direction));
  });
});
