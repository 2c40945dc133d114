import { describe, expect, it } from 'vitest';
import { versionOrder } from '../../renderer/lib/version-order';
import { type SortDirection, tagComparator } from '../../shared/tag-sort';
import { hugeTagName } from '../harness/huge-repo';

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

/** TRICKY holds what the packed keys cannot tell apart or cannot hold, beside plain releases and names. */
const TRICKY = [
  ...'2.0 latest 1.10 2.0-rc1 1.9 v1.2 production 2.0-rc10 2.0-rc2 alpha 1.2 1.2.0 01.2 1.02'.split(' '),
  ...'1.2.0.0 1.2.3.4.5 70000.1 1.5000 1.2+b1 1.2+b2 v2 2 1.0.0-alpha 1.0.0-alpha.1 latest2'.split(' '),
  ...'Latest _x -y 9007199254740993 1.2.3.4.5.6 0 0.0 4095.4095.4095.4095 65535.1 65536 1.4096'.split(' '),
];

/** sample draws `n` names from TRICKY with a fixed seed, repeats included. */
function sample(seed: number, n: number): string[] {
  let x = seed;
  return Array.from({ length: n }, () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return TRICKY[x % TRICKY.length]!;
  });
}

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
      const names = sample(seed, 30);
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
