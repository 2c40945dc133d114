import { describe, expect, it } from 'vitest';
import type { DetailEntry, QuickChips } from '../../renderer/lib/tag-table';
import { buildTagRows, filterTagRows, groupTagRows, sortTagRows } from '../../renderer/lib/tag-table';
import { tagRoles } from '../../shared/alias-diagram';
import { groupByDigest } from '../../shared/grouping';
import type { InspectResult, TagInfo } from '../../shared/model';
import { diffSnapshots } from '../../shared/snapshot';
import { parseTagFilter } from '../../shared/tag-filter';

const d = (n: number) => `sha256:${String(n).repeat(64).slice(0, 64)}`;
const infos = new Map<string, TagInfo>(
  (
    [
      ['1.0', d(1)],
      ['2.0', d(2)],
      ['latest', d(2)],
      ['production', d(1)],
      ['nightly', d(3)],
      ['broken', null],
    ] as const
  ).map(([tag, digest]) => [
    tag,
    digest
      ? { tag, digest, mediaType: 'application/vnd.oci.image.manifest.v1+json' }
      : { tag, digest: null, mediaType: null, error: { code: 'NOT_FOUND', message: 'manifest missing' } },
  ]),
);
const names = [...infos.keys()];
const roles = tagRoles(groupByDigest([...infos.values()]));
const none: QuickChips = { versions: false, pointers: false, platform: null };

function inspected(digest: string, created: string, totalSize: number, arches: string[]): DetailEntry {
  return {
    state: 'ok',
    result: {
      digest,
      totalSize,
      platforms: arches.map((architecture) => ({ os: 'linux', architecture })),
      config: { created },
      manifests: [],
    } as unknown as InspectResult,
  };
}
const details = new Map<string, DetailEntry>([
  [d(1), inspected(d(1), '2026-01-01T00:00:00Z', 300, ['amd64'])],
  [d(2), inspected(d(2), '2026-02-01T00:00:00Z', 100, ['amd64', 'arm64'])],
]);

describe('tags table rows', () => {
  const rows = buildTagRows(names, infos, roles, new Map());

  it('links aliases to owners and keeps tags that failed, with their error', () => {
    const byTag = new Map(rows.map((r) => [r.tag, r]));
    expect(byTag.get('latest')).toMatchObject({ aliasOf: '2.0', pointer: true, owner: '2.0', imageTags: 2 });
    expect(byTag.get('nightly')).toMatchObject({ aliasOf: null, pointer: false, owner: 'nightly' });
    expect(byTag.get('broken')).toMatchObject({ digest: null, owner: null, aliasOf: null });
    expect(byTag.get('broken')!.info?.error?.message).toBe('manifest missing');
  });

  it('marks rows whose digest comes from the last look, not from the registry this time', () => {
    const live = new Map([...infos].filter(([tag]) => tag !== 'latest' && tag !== 'nightly'));
    const marked = buildTagRows(names, infos, roles, new Map(), live);
    expect(marked.filter((r) => r.cached).map((r) => r.tag)).toEqual(['latest', 'nightly']);
    expect(rows.some((r) => r.cached)).toBe(false);
  });

  it('filters by any tag of the row and by chips; an unread platform never matches', () => {
    const tags = (q: string, chips = none) =>
      filterTagRows(rows, parseTagFilter(q), chips, details).map((r) => r.tag);
    expect(tags('')).toEqual(names);
    expect(tags('', { ...none, pointers: true })).toEqual(['latest', 'production']);
    expect(tags('', { ...none, versions: true })).toEqual(['1.0', '2.0']);
    expect(tags('', { ...none, platform: 'linux/arm64' })).toEqual(['2.0', 'latest']);
    expect(tags('/^l/', { ...none, platform: 'linux/amd64' })).toEqual(['latest']);
    // Grouped, a row stands for all its tags: `prod` finds the image owned by 1.0.
    const grouped = groupTagRows(rows, roles);
    expect(filterTagRows(grouped, parseTagFilter('prod'), none, details).map((r) => r.tag)).toEqual(['1.0']);
    // Grouped, the pointer chip keeps images named by a version and a pointer, not `nightly` alone.
    expect(
      filterTagRows(grouped, parseTagFilter(''), { ...none, pointers: true }, details).map((r) => r.tag),
    ).toEqual(['1.0', '2.0']);
  });

  it('groups one row per image under its owner, keeping unreadable tags on their own rows', () => {
    const grouped = groupTagRows(rows, roles);
    expect(grouped.map((r) => [r.tag, r.tags.join(' ')])).toEqual([
      ['1.0', '1.0 production'],
      ['2.0', '2.0 latest'],
      ['nightly', 'nightly'],
      ['broken', 'broken'],
    ]);
    expect(new Set(grouped.map((r) => r.key)).size).toBe(grouped.length);
  });

  it('marks a grouped image as changed when any of its tags moved', () => {
    const changes = diffSnapshots(
      new Map([
        ['1.0', d(1)],
        ['2.0', d(2)],
        ['latest', d(1)],
        ['production', d(1)],
        ['nightly', d(3)],
      ]),
      new Map([...infos].map(([t, i]) => [t, i.digest])),
      true,
    );
    const changed = buildTagRows(names, infos, roles, changes);
    const grouped = groupTagRows(changed, roles);
    expect(grouped.find((r) => r.tag === '2.0')?.change).toEqual({ kind: 'moved', previousDigest: d(1) });
    expect(grouped.find((r) => r.tag === 'broken')?.change).toEqual({ kind: 'new' });
    expect(grouped.find((r) => r.tag === '1.0')?.change).toBeUndefined();
  });

  it('sorts by size and created from the details read, unread images last', () => {
    expect(sortTagRows(rows, 'size', 'asc', details).map((r) => r.tag)).toEqual([
      'latest',
      '2.0',
      'production',
      '1.0',
      'broken',
      'nightly',
    ]);
    expect(
      sortTagRows(rows, 'created', 'desc', details)
        .map((r) => r.tag)
        .slice(0, 2),
    ).toEqual(['latest', '2.0']);
  });
});

describe('artifact tags in the table', () => {
  const hex = '7'.repeat(64);
  const image = `sha256:${hex}`;
  const tagged = new Map<string, TagInfo>(
    (
      [
        ['1.0', image],
        ['latest', image],
        [`sha256-${hex}.sig`, d(8)],
        [`sha256-${hex}`, d(9)],
        ['0.9', d(4)],
      ] as const
    ).map(([tag, digest]) => [tag, { tag, digest, mediaType: 'application/vnd.oci.image.manifest.v1+json' }]),
  );
  const rows = buildTagRows(
    [...tagged.keys()],
    tagged,
    tagRoles(groupByDigest([...tagged.values()])),
    new Map(),
  );
  const byTag = new Map(rows.map((r) => [r.tag, r]));

  it('say whose artifacts they hold, and are no alias or pointer', () => {
    expect(byTag.get(`sha256-${hex}.sig`)).toMatchObject({
      attachedTo: { kind: 'signature', subject: image, subjectName: '1.0' },
      aliasOf: null,
      pointer: false,
      attached: [],
    });
    expect(byTag.get(`sha256-${hex}`)?.attachedTo?.kind).toBe('referrers');
  });

  it('mark every tag of the image they belong to, and no other', () => {
    expect(byTag.get('1.0')?.attached).toEqual(['signature', 'referrers']);
    expect(byTag.get('latest')?.attached).toEqual(['signature', 'referrers']);
    expect(byTag.get('0.9')?.attached).toEqual([]);
    expect(byTag.get('latest')?.attachedTo).toBeNull();
  });
});
