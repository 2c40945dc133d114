import { describe, expect, it } from 'vitest';
import {
  countCrossings,
  DIAGRAM_ALIASES,
  diagramEdges,
  findInDiagram,
  layoutAliasDiagram,
  tagRoles,
} from '../../shared/alias-diagram';
import { groupByDigest, pickOwner } from '../../shared/grouping';

const d = (n: number) => `sha256:${String(n).repeat(64).slice(0, 64)}`;
/** The `app` repository of the issue: seven versions, five aliases. */
const APP = [
  ['1.0', d(1)],
  ['1.1', d(2)],
  ['1.2', d(3)],
  ['1.3', d(4)],
  ['2.0', d(5)],
  ['2.1', d(6)],
  ['2.2', d(7)],
  ['latest', d(7)],
  ['production', d(5)],
  ['qatesting', d(6)],
  ['perftesting', d(6)],
  ['rollback', d(4)],
].map(([tag, digest]) => ({ tag: tag!, digest: digest! }));
/** layoutOf lays out tags written `tag@n`, where n numbers the image (d(n)) the tag points at. */
const layoutOf = (spec: string) =>
  layoutAliasDiagram(
    groupByDigest(
      spec.split(' ').map((t) => {
        const [tag, n] = t.split('@');
        return { tag: tag!, digest: d(Number(n)) };
      }),
    ),
  );

describe('owner choice', () => {
  it('never picks latest when a version tag exists, whatever the order', () => {
    expect(pickOwner(['latest', '2.2'])).toBe('2.2');
    expect(pickOwner(['2.2', 'latest'])).toBe('2.2');
    expect(pickOwner(['latest', 'stable', '3.0-rc1'])).toBe('3.0-rc1');
  });

  it('prefers a full release to a floating or pre-release tag of the same image', () => {
    expect(pickOwner(['2', '2.1', '2.1.3', 'latest'])).toBe('2.1.3');
    expect(pickOwner(['2.1.3-rc1', '2.1'])).toBe('2.1');
    expect(pickOwner(['v1.2.0', 'main'])).toBe('v1.2.0');
  });

  it('works without any version tag: any name beats latest', () => {
    expect(pickOwner(['latest'])).toBe('latest');
    expect(pickOwner(['latest', 'main'])).toBe('main');
    expect(pickOwner(['stable', 'latest', 'edge'])).toBe('stable');
  });

  it('does not read commit hashes or too-large numbers as versions', () => {
    expect(pickOwner(['sha-1a2b3c', '1.4'])).toBe('1.4');
    expect(pickOwner(['99999999999999999999', 'nightly'])).toBe('nightly');
  });
});

describe('tagRoles', () => {
  const roles = tagRoles(groupByDigest(APP));

  it('links each alias to the version that owns its image', () => {
    const aliasOf = Object.fromEntries([...roles].map(([t, r]) => [t, r.aliasOf]));
    expect(aliasOf).toMatchObject({
      latest: '2.2',
      production: '2.0',
      qatesting: '2.1',
      perftesting: '2.1',
      rollback: '1.3',
      '2.2': null,
      '1.0': null,
    });
  });

  it('calls pointer only the names that share a digest with a version tag', () => {
    const extra = tagRoles(
      groupByDigest([...APP, { tag: 'main', digest: d(8) }, { tag: 'edge', digest: d(8) }]),
    );
    expect(extra.get('production')!.pointer).toBe(true);
    expect(extra.get('2.0')!.pointer).toBe(false);
    expect(extra.get('main')!.pointer).toBe(false);
    expect(extra.get('edge')!.pointer).toBe(false);
    expect(extra.get('edge')!.aliasOf).toBe('main');
  });
});

describe('layoutAliasDiagram', () => {
  it('reads version-first: each image with aliases, newest first, its aliases beside it', () => {
    const layout = layoutAliasDiagram(groupByDigest(APP));
    expect(layout.images.map((i) => [i.owner, i.row, i.rows])).toEqual([
      ['2.2', 0, 1],
      ['2.1', 1, 2],
      ['2.0', 3, 1],
      ['1.3', 4, 1],
    ]);
    expect(layout.pointers.map((p) => `${p.tag}→${p.owner}@${p.row}`)).toEqual([
      'latest→2.2@0',
      'perftesting→2.1@1',
      'qatesting→2.1@2',
      'production→2.0@3',
      'rollback→1.3@4',
    ]);
    // 1.0, 1.1 and 1.2 have no alias: counted, not drawn.
    expect(layout.withoutAliases).toBe(3);
    expect(layout.rows).toBe(5);
  });

  it('draws no crossing arrows for a simple repository; the old two-column layout crossed', () => {
    const layout = layoutAliasDiagram(groupByDigest(APP));
    const edges = diagramEdges(layout);
    expect(edges.every((e) => e.fromY === e.toY)).toBe(true);
    expect(countCrossings(edges)).toBe(0);
    // The check itself can fail: arrows into images listed in the other order do cross.
    expect(
      countCrossings([
        { tag: 'a', fromY: 0.5, toY: 1.5 },
        { tag: 'b', fromY: 1.5, toY: 0.5 },
      ]),
    ).toBe(1);
  });

  it('names an image with two versions by both, and its aliases point at it (2.1 = 2.3)', () => {
    const layout = layoutOf('2.1@1 2.3@1 qatesting@1 2.2@2');
    expect(layout.images.map((i) => [i.name, i.names, i.shown])).toEqual([
      ['2.1 = 2.3', ['2.1', '2.3'], ['qatesting']],
    ]);
    expect(layout.withoutAliases).toBe(1);
  });

  it('keeps images without a version tag that have aliases, after the versions', () => {
    const layout = layoutOf('latest@1 main@1 1.0@2 stable@2 nightly@3');
    expect(layout.images.map((i) => [i.owner, i.versioned])).toEqual([
      ['1.0', true],
      ['main', false],
    ]);
    expect(layout.pointers.map((p) => `${p.tag}→${p.owner}`)).toEqual(['stable→1.0', 'latest→main']);
  });

  it('stays bounded at 1,000 tags: long alias lists fold, find unfolds the one it needs', () => {
    // 1,000 tags: 10 versions with 99 aliases each (a CI that tags every build), and no crossing.
    const tags = [];
    for (let v = 0; v < 10; v++) {
      tags.push({ tag: `1.${v}`, digest: d(v) });
      for (let a = 0; a < 99; a++) tags.push({ tag: `build-${v}-${a}`, digest: d(v) });
    }
    const groups = groupByDigest(tags);
    const folded = layoutAliasDiagram(groups);
    expect(folded.images).toHaveLength(10);
    expect(folded.images.every((i) => i.shown.length === DIAGRAM_ALIASES - 1 && i.hidden === 95)).toBe(true);
    // One row per alias shown and one for "+95 more": 50 rows, where every alias drawn took 990.
    expect(folded.rows).toBe(10 * DIAGRAM_ALIASES);
    expect(countCrossings(diagramEdges(folded))).toBe(0);

    const find = (t: string) => t === 'build-7-50';
    const found = layoutAliasDiagram(groups, { find });
    const seven = found.images.find((i) => i.owner === '1.7')!;
    expect([seven.expanded, seven.shown.length, seven.hidden]).toEqual([true, 99, 0]);
    expect(found.rows).toBe(9 * DIAGRAM_ALIASES + 100);
    expect(findInDiagram(found, find)).toEqual([
      { tag: 'build-7-50', image: 2, row: 2 * DIAGRAM_ALIASES + 50 },
    ]);
    // Unfolded by hand, then folded again.
    const open = layoutAliasDiagram(groups, { expanded: new Set([d(9)]) });
    expect(open.images[0]).toMatchObject({ owner: '1.9', expanded: true, rows: 100 });
  });

  it('many images with a few aliases each: one block per image, rows = aliases', () => {
    // The fixture's bench/many-tags: 200 images × (3 versions + 2 aliases) = 1,000 tags.
    const tags = [];
    for (let n = 0; n < 200; n++) {
      for (const tag of [`1.0.${n}`, `1.0.${n}-build`, `1.0.${n}-rc`, `stable-${n}`, `ci-${n}`]) {
        tags.push({ tag, digest: `sha256:${String(n).padStart(64, '0')}` });
      }
    }
    const layout = layoutAliasDiagram(groupByDigest(tags));
    expect(layout.images).toHaveLength(200);
    expect(layout.rows).toBe(400);
    expect(layout.images[0]!.name).toBe('1.0.199-build = 1.0.199-rc = 1.0.199');
    expect(countCrossings(diagramEdges(layout))).toBe(0);
  });

  it('is empty for no tags', () => {
    expect(layoutAliasDiagram([])).toEqual({ pointers: [], images: [], rows: 0, withoutAliases: 0 });
  });
});
