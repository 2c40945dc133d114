import { describe, expect, it } from 'vitest';
import { buildTagRows, filterTagRows, type QuickChips } from '../../renderer/lib/tag-table';
import { tagRoles } from '../../shared/alias-diagram';
import { groupByDigest, nameImage } from '../../shared/grouping';
import type { TagInfo } from '../../shared/model';
import { alsoTaggedAs, sameImage, sameImageAs } from '../../shared/same-image';
import { parseTagFilter } from '../../shared/tag-filter';

const d = (n: number) => `sha256:${String(n).repeat(64).slice(0, 64)}`;
/** A rebuild pushed as both 2.1 and 2.3, two aliases on it, and 2.2 with latest. */
const TAGS: [string, string][] = [
  ['2.1', d(1)],
  ['2.3', d(1)],
  ['qatesting', d(1)],
  ['perftesting', d(1)],
  ['2.2', d(2)],
  ['latest', d(2)],
  ['1.0', d(3)],
];
const infos = new Map<string, TagInfo>(
  TAGS.map(([tag, digest]) => [
    tag,
    { tag, digest, mediaType: 'application/vnd.oci.image.manifest.v1+json' },
  ]),
);
const roles = tagRoles(groupByDigest([...infos.values()]));
const rows = buildTagRows([...infos.keys()], infos, roles, new Map());
const none: QuickChips = { versions: false, pointers: false, platform: null };
const tagsOf = (r: readonly { tag: string }[]) => r.map((x) => x.tag).sort();

describe('sameImage', () => {
  const image = { digest: d(1), ...nameImage(['2.3', 'qatesting', '2.1', 'perftesting']) };

  it('gives a version its sibling versions and the aliases pointing in, an alias the versions it is', () => {
    expect(sameImage('2.1', image)).toEqual({
      equals: ['2.3'],
      pointedBy: ['perftesting', 'qatesting'],
      pointsTo: null,
    });
    expect(sameImage('qatesting', image)).toEqual({ equals: [], pointedBy: [], pointsTo: '2.1 = 2.3' });
    expect(sameImageAs('2.3', image)).toBe('= 2.1  ← perftesting, qatesting');
    expect(sameImageAs('perftesting', image)).toBe('→ 2.1 = 2.3');
    expect(sameImageAs('1.0', nameImage(['1.0']))).toBe('');
  });

  it('lists every other tag of the image, versions first, and no artifact tag', () => {
    expect(alsoTaggedAs('qatesting', image)).toEqual(['2.1', '2.3', 'perftesting']);
    expect(alsoTaggedAs('2.3', image)).toEqual(['2.1', 'perftesting', 'qatesting']);
    const signed = nameImage(['1.0', 'latest', `sha256-${'a'.repeat(64)}.sig`]);
    expect(alsoTaggedAs('latest', signed)).toEqual(['1.0']);
  });

  it('reaches the table rows: a version row knows its aliases without grouping', () => {
    const row = rows.find((r) => r.tag === '2.1')!;
    expect(row.same).toEqual({ equals: ['2.3'], pointedBy: ['perftesting', 'qatesting'], pointsTo: null });
    expect(rows.find((r) => r.tag === 'latest')!.aliasOf).toBe('2.2');
  });
});

describe('filter with aliases (whole images)', () => {
  it('keeps the other tags of each image the text finds', () => {
    const f = parseTagFilter('2.1');
    expect(tagsOf(filterTagRows(rows, f, none, new Map()))).toEqual(['2.1']);
    expect(tagsOf(filterTagRows(rows, f, none, new Map(), true))).toEqual([
      '2.1',
      '2.3',
      'perftesting',
      'qatesting',
    ]);
    // From an alias to its image, with a glob and a regex too.
    expect(tagsOf(filterTagRows(rows, parseTagFilter('lat*'), none, new Map(), true))).toEqual([
      '2.2',
      'latest',
    ]);
    expect(tagsOf(filterTagRows(rows, parseTagFilter('/^1\\./'), none, new Map(), true))).toEqual(['1.0']);
  });

  it('still applies the chips, and changes nothing without a text', () => {
    const versions = { ...none, versions: true };
    expect(tagsOf(filterTagRows(rows, parseTagFilter('qa'), versions, new Map(), true))).toEqual([
      '2.1',
      '2.3',
    ]);
    expect(filterTagRows(rows, parseTagFilter(''), none, new Map(), true)).toHaveLength(TAGS.length);
  });
});
