import { describe, expect, it } from 'vitest';
import {
  type SortableTag,
  type SortDirection,
  type SortKey,
  sortTagNames,
  tagComparator,
} from '../../shared/tag-sort';
import { compareNatural, parseVersion } from '../../shared/version';

const row = (tag: string, created: string | null = null, size: number | null = null): SortableTag => ({
  tag,
  created,
  size,
});
const tags = (rows: SortableTag[]) => rows.map((r) => r.tag);
/** sortTags sorts a copy with the comparator the tags table uses (renderer/lib/tag-table.ts sortTagRows). */
const sortTags = (rows: readonly SortableTag[], key: SortKey, direction: SortDirection) =>
  [...rows].sort(tagComparator(key, direction));

/** sortedTags is the tag order sortTags gives rows named `names`. */
const sortedTags = (names: readonly string[], key: SortKey, direction: SortDirection) =>
  tags(
    sortTags(
      names.map((t) => row(t)),
      key,
      direction,
    ),
  );

describe('version sort', () => {
  const names = '2.0 latest 1.10 2.0-rc1 1.9 v1.2 production 2.0-rc10 2.0-rc2 alpha'.split(' ');

  it.each([
    [
      'asc',
      'natural numbers, pre-releases before their release, names last A to Z',
      'v1.2 1.9 1.10 2.0-rc1 2.0-rc2 2.0-rc10 2.0 alpha latest production',
    ],
    [
      'desc',
      'latest first, then names A to Z, then versions from the newest',
      'latest alpha production 2.0 2.0-rc10 2.0-rc2 2.0-rc1 1.10 1.9 v1.2',
    ],
  ] as const)('%s: %s', (direction, _, sorted) => {
    expect(sortedTags(names, 'version', direction)).toEqual(sorted.split(' '));
  });

  it('is consistent: antisymmetric on ties such as 1.0 and 1.0.0', () => {
    for (const d of ['asc', 'desc'] as const) {
      const compare = tagComparator('version', d);
      expect(Math.sign(compare(row('1.0'), row('1.0.0')))).toBe(
        -Math.sign(compare(row('1.0.0'), row('1.0'))),
      );
      expect(compare(row('latest'), row('latest'))).toBe(0);
    }
  });
});

describe('sort by created, size and name', () => {
  const rows = [
    row('a', '2026-01-03T00:00:00Z', 300),
    row('b', null, null),
    row('c', '2026-01-01T00:00:00Z', 100),
    row('d', 'not a date', 200),
    row('1.0', '2026-01-03T00:00:00Z', 300),
  ];

  it('puts rows without a value last in both directions', () => {
    expect(tags(sortTags(rows, 'created', 'asc'))).toEqual(['c', 'a', '1.0', 'b', 'd']);
    expect(tags(sortTags(rows, 'created', 'desc'))).toEqual(['a', '1.0', 'c', 'b', 'd']);
    expect(tags(sortTags(rows, 'size', 'asc'))).toEqual(['c', 'd', 'a', '1.0', 'b']);
    expect(tags(sortTags(rows, 'size', 'desc'))).toEqual(['a', '1.0', 'd', 'c', 'b']);
  });

  it('breaks ties by version order, names first', () => {
    expect(tags(sortTags(rows, 'created', 'desc')).slice(0, 2)).toEqual(['a', '1.0']);
  });

  it('sorts names naturally', () => {
    const byName = ['build-10', 'build-9', 'Build-1', 'a'].map((t) => row(t));
    expect(tags(sortTags(byName, 'name', 'asc'))).toEqual(['a', 'Build-1', 'build-9', 'build-10']);
    expect(tags(sortTags(byName, 'name', 'desc'))).toEqual(['build-10', 'build-9', 'Build-1', 'a']);
  });
});

describe('parseVersion fast path agrees with the expression', () => {
  it('reads plain dotted numbers and rejects malformed or oversized ones', () => {
    expect(parseVersion('1.10.0')).toEqual({ release: [1, 10, 0], pre: null, build: null });
    expect(parseVersion('007')).toEqual({ release: [7], pre: null, build: null });
    for (const bad of [
      '1..2',
      '1.',
      '.1',
      '',
      'branch-1',
      '1.2.x',
      '99999999999999999999.1',
      '1.99999999999999999999',
    ])
      expect(parseVersion(bad), bad).toBeNull();
    expect(parseVersion('123456789012345.1')).toEqual({
      release: [123456789012345, 1],
      pre: null,
      build: null,
    });
    expect(parseVersion('v1.2-rc1')).toEqual({ release: [1, 2], pre: 'rc1', build: null });
  });
});

describe('compareNatural without ICU', () => {
  it('orders tag characters exactly as Intl.Collator (numeric, base) then code points', () => {
    const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
    const reference = (a: string, b: string) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
    const alphabet = 'aAbZz0019_.-';
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const word = () =>
      Array.from(
        { length: Math.floor(random() * 7) },
        () => alphabet[Math.floor(random() * alphabet.length)],
      ).join('');
    const mismatches: string[] = [];
    for (let k = 0; k < 20_000; k++) {
      const a = word();
      const b = word();
      if (Math.sign(compareNatural(a, b)) !== Math.sign(reference(a, b))) mismatches.push(`${a} vs ${b}`);
    }
    expect(mismatches).toEqual([]);
    // Characters a tag cannot hold still go to the collator.
    expect(Math.sign(compareNatural('é', 'f'))).toBe(Math.sign(reference('é', 'f')));
  });
});

describe('sortTagNames (the compare picker)', () => {
  it('lists tags by version, newest first after latest and the names, whatever order they came in', () => {
    const expected = ['latest', 'production', 'qatesting', '2.10', '2.2', '2.1', '1.0'];
    expect(sortTagNames(['2.1', 'qatesting', '1.0', 'latest', '2.10', 'production', '2.2'])).toEqual(
      expected,
    );
    expect(sortTagNames(['production', '2.2', '1.0', '2.10', 'latest', '2.1', 'qatesting'])).toEqual(
      expected,
    );
    expect(sortTagNames(['1.0', '2.10', '2.2'], 'asc')).toEqual(['1.0', '2.2', '2.10']);
  });
});
