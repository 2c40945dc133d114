import { describe, expect, it } from 'vitest';
import { TagRowModel } from '../../renderer/lib/tag-row-model';
import { type SeenTag, TagStore } from '../../renderer/lib/tag-store';
import { buildTagRows, groupTagRows } from '../../renderer/lib/tag-table';
import { tagRoles } from '../../shared/alias-diagram';
import { groupByDigest, imageCount } from '../../shared/grouping';
import type { TagInfo } from '../../shared/model';
import { diffSnapshots } from '../../shared/snapshot';

const d = (n: number) => `sha256:${n.toString(16).padStart(64, '0')}`;
const OCI = 'application/vnd.oci.image.manifest.v1+json';
const info = (tag: string, digest: string | null): TagInfo =>
  digest
    ? { tag, digest, mediaType: OCI }
    : { tag, digest: null, mediaType: null, error: { code: 'NOT_FOUND', message: 'manifest missing' } };
/** The subject of the artifact tags below: image 2's digest, as cosign names it. */
const SIG = `sha256-${d(2).slice(7)}.sig`;
const SBOM = `sha256-${d(2).slice(7)}.sbom`;

/** expected is what the screen showed before the store: every row built over the whole listing. */
function expected(
  names: readonly string[],
  live: ReadonlyMap<string, TagInfo>,
  standIn: readonly SeenTag[],
  reading: boolean,
  grouped: boolean,
  previous: ReadonlyMap<string, string> | null,
) {
  const listed = new Set(names);
  let infos: ReadonlyMap<string, TagInfo> = live;
  if (standIn.length > 0 && reading) {
    const merged = new Map(live);
    for (const t of standIn) if (!merged.has(t.tag) && listed.has(t.tag)) merged.set(t.tag, { ...t });
    infos = merged;
  }
  const groups = groupByDigest([...infos.values()]);
  const roles = tagRoles(groups);
  const current = new Map(names.map((n) => [n, live.get(n)?.digest ?? null]));
  const changes = previous ? diffSnapshots(previous, current, !reading) : new Map();
  const rows = buildTagRows(names, infos, roles, changes, live);
  return { rows: grouped ? groupTagRows(rows, roles) : rows, groups };
}

/** check compares the store's rows, counts and images with the whole-listing build, as it stands. */
function check(
  store: TagStore,
  live: ReadonlyMap<string, TagInfo>,
  standIn: readonly SeenTag[],
  previous: ReadonlyMap<string, string> | null = null,
) {
  const names = store.names!;
  const reading = store.phase === 'resolving';
  for (const grouped of [false, true]) {
    const want = expected(names, live, standIn, reading, grouped, previous);
    const model = new TagRowModel(store, names, previous, grouped, false);
    expect(model.rows()).toEqual(want.rows);
    expect(model.count).toBe(want.rows.length);
    expect(store.groups()).toEqual(want.groups);
    expect(store.imageCount).toBe(imageCount(want.groups));
    expect(store.artifactTags).toBe(want.groups.reduce((n, g) => n + g.artifacts.length, 0));
  }
  expect(store.problems).toBe([...live.values()].filter((i) => i.error).length);
}

describe('tag store', () => {
  const names = ['1.0', '2.0', '2.1', 'latest', 'production', 'qa', 'broken', SIG, SBOM, 'main'];
  const answers = [
    info('1.0', d(1)),
    info('2.0', d(2)),
    info('2.1', d(2)),
    info('latest', d(2)),
    info('production', d(1)),
    info('qa', d(3)),
    info('broken', null),
    info(SIG, d(4)),
    info(SBOM, d(5)),
    info('main', d(6)),
  ];

  it('gives the same rows, images and counts as building them over the whole listing, batch by batch', () => {
    const store = new TagStore(0);
    const live = new Map<string, TagInfo>();
    store.setNames(names);
    check(store, live, []);
    for (const batch of [answers.slice(0, 3), answers.slice(3, 7), answers.slice(7)]) {
      store.addInfos(batch.map((i) => ({ ...i })));
      for (const i of batch) live.set(i.tag, i);
      check(store, live, []);
    }
    store.finish('done');
    check(store, live, []);
    expect(store.imageCount).toBe(4);
    expect(store.artifactTags).toBe(2);
    expect(new TagRowModel(store, names, null, false, false).rowOf('2.0').attached).toEqual([
      'signature',
      'sbom',
    ]);
  });

  it('draws a first screen sent ahead with digests that come before the names, and keeps them after', () => {
    const store = new TagStore(0);
    const live = new Map<string, TagInfo>();
    store.setFirst({ tags: ['latest', '2.1', '2.0'], total: names.length });
    expect(store.first?.total).toBe(names.length);
    expect(store.phase).toBe('loading');
    const ahead = answers.filter((a) => ['latest', '2.1'].includes(a.tag));
    store.addInfos(ahead.map((i) => ({ ...i })));
    for (const i of ahead) live.set(i.tag, i);
    expect(store.info('latest')?.digest).toBe(d(2));
    expect(new TagRowModel(store, store.first!.tags, null, false, false).rowOf('2.1').digest).toBe(d(2));
    store.setNames(names);
    expect(store.phase).toBe('resolving');
    check(store, live, []);
    store.reset();
    expect(store.first).toBeNull();
  });

  it('lets the last look stand in until each tag is answered, and drops what the registry no longer lists', () => {
    const standIn: SeenTag[] = [
      { tag: '1.0', digest: d(1), mediaType: OCI },
      { tag: '2.0', digest: d(7), mediaType: OCI },
      { tag: 'old', digest: d(8), mediaType: OCI },
    ];
    const store = new TagStore(0);
    store.setStandIn(standIn);
    expect(store.cached('old')).toBe(true);
    store.setNames(names);
    expect(store.info('old')).toBeUndefined();
    const live = new Map<string, TagInfo>();
    check(store, live, standIn);
    store.addInfos([{ ...answers[1]! }]);
    live.set('2.0', answers[1]!);
    check(store, live, standIn);
    expect(store.cached('1.0')).toBe(true);
    expect(store.cached('2.0')).toBe(false);
    // An error ends the listing: only what the registry answered stays.
    store.finish('error');
    check(store, live, standIn);
    expect(store.info('1.0')).toBeUndefined();
  });

  it('marks rows new or moved against the marked look', () => {
    const previous = new Map([
      ['1.0', d(9)],
      ['2.0', d(2)],
    ]);
    const store = new TagStore(0);
    store.setNames(names);
    store.addInfos(answers.map((i) => ({ ...i })));
    check(store, new Map(answers.map((i) => [i.tag, i])), [], previous);
    const model = new TagRowModel(store, names, previous, false, false);
    expect(model.rowOf('1.0').change).toEqual({ kind: 'moved', previousDigest: d(9) });
    expect(model.rowOf('2.0').change).toBeUndefined();
    expect(model.rowOf('qa').change).toEqual({ kind: 'new' });
  });

  it('takes single updates: a tag added, moved, or gone, and renames only the images they touch', () => {
    const store = new TagStore(0);
    store.setNames(names);
    store.addInfos(answers.map((i) => ({ ...i })));
    store.finish('done');
    const live = new Map(answers.map((i) => [i.tag, i]));
    const untouched = store.group(d(6));
    store.applyUpdate({ ...info('3.0', d(3)), gone: false });
    live.set('3.0', info('3.0', d(3)));
    store.applyUpdate({ ...info('latest', d(1)), gone: false });
    live.set('latest', info('latest', d(1)));
    store.applyUpdate({ tag: 'broken', digest: null, mediaType: null, gone: true });
    live.delete('broken');
    expect(store.names).toEqual([...names.filter((n) => n !== 'broken'), '3.0']);
    check(store, live, []);
    expect(store.group(d(6))).toBe(untouched);
    expect(store.group(d(3))?.name).toBe('3.0');
  });

  it('keeps one string per digest, whatever the stream sent', () => {
    const store = new TagStore(0);
    store.setNames(['a', 'b']);
    const first = `${d(1)}`;
    const second = [...d(1)].join('');
    store.addInfos([{ tag: 'a', digest: first, mediaType: OCI }]);
    store.addInfos([{ tag: 'b', digest: second, mediaType: OCI }]);
    expect(store.info('b')?.digest).toBe(first);
    expect(store.group(first)?.tags).toEqual(['a', 'b']);
  });

  it('while digests arrive, names a changed image again at most once a second; exactly once the listing ends', () => {
    const store = new TagStore();
    store.setNames(['1.0', '2.0', 'latest']);
    store.addInfos([info('1.0', d(1)), info('latest', d(1))]);
    expect(store.group(d(1))?.name).toBe('1.0');
    store.addInfos([info('2.0', d(1))]);
    expect(store.group(d(1))?.name).toBe('1.0');
    store.finish('done');
    expect(store.group(d(1))?.name).toBe('1.0 = 2.0');
    expect(store.role('latest')?.aliasOf).toBe('1.0 = 2.0');
  });

  it('names every image in slices after the listing, and then has none left to name', () => {
    const store = new TagStore();
    store.setNames(['1.0', '2.0', 'latest', '3.0']);
    store.addInfos([info('1.0', d(1)), info('2.0', d(1)), info('latest', d(1)), info('3.0', d(2))]);
    store.finish('done');
    // No time at all: an image is left to name.
    expect(store.nameSome(-1)).toBe(false);
    expect(store.nameSome(1000)).toBe(true);
    expect(store.nameSome(-1)).toBe(true);
    expect(store.group(d(1))?.name).toBe('1.0 = 2.0');
    store.addInfos([info('latest', d(2))]);
    expect(store.nameSome(-1)).toBe(false);
    expect(store.nameSome(1000)).toBe(true);
    expect(store.group(d(2))?.aliases).toEqual(['latest']);
  });
});
