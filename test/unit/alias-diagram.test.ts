import { describe, expect, it } from 'vitest';
import { layoutAliasDiagram, tagRoles } from '../../shared/alias-diagram';
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
  it('draws every alias as an arrow into its owner, images newest first', () => {
    const layout = layoutAliasDiagram(groupByDigest(APP));
    expect(layout.images.map((i) => i.owner)).toEqual(['2.2', '2.1', '2.0', '1.3', '1.2', '1.1', '1.0']);
    expect(layout.pointers.map((p) => `${p.tag}→${p.owner}`)).toEqual([
      'latest→2.2',
      'perftesting→2.1',
      'qatesting→2.1',
      'production→2.0',
      'rollback→1.3',
    ]);
    expect(layout.pointers.map((p) => p.row)).toEqual([0, 1, 2, 3, 4]);
  });

  it('keeps images without a version tag, after the versions', () => {
    const layout = layoutAliasDiagram(
      groupByDigest([
        { tag: 'latest', digest: d(1) },
        { tag: 'main', digest: d(1) },
        { tag: '1.0', digest: d(2) },
        { tag: 'nightly', digest: d(3) },
      ]),
    );
    expect(layout.images.map((i) => [i.owner, i.versioned])).toEqual([
      ['1.0', true],
      ['main', false],
      ['nightly', false],
    ]);
    expect(layout.pointers.map((p) => `${p.tag}→${p.owner}`)).toEqual(['latest→main']);
  });

  it('is empty for no tags', () => {
    expect(layoutAliasDiagram([])).toEqual({ pointers: [], images: [] });
  });
});
