import { describe, expect, it } from 'vitest';
import { groupByDigest, imageName, nameImage, pickOwner } from '../../shared/grouping';
import { compareVersions, isVersionTag } from '../../shared/version';

describe('compareVersions', () => {
  // Numbers numerically, not as text; pre-releases before their release; v1.2 like 1.2, and names after
  // versions, naturally ordered; a total order on ties (1.0 vs 1.0.0).
  it.each([
    [
      ['1.10', '1.9', '1.2', '10.0', '2.0'],
      ['1.2', '1.9', '1.10', '2.0', '10.0'],
    ],
    [
      ['2.0', '2.0-rc1', '2.0-rc10', '2.0-rc2', '1.9'],
      ['1.9', '2.0-rc1', '2.0-rc2', '2.0-rc10', '2.0'],
    ],
    [
      ['latest', 'v1.2', '1.1', 'build-10', 'build-9'],
      ['1.1', 'v1.2', 'build-9', 'build-10', 'latest'],
    ],
    [
      ['1.0.0', '1.0', '1'],
      ['1', '1.0', '1.0.0'],
    ],
  ])('sorts %j as %j', (tags, sorted) => {
    expect([...tags].sort(compareVersions)).toEqual(sorted);
  });

  it('knows version tags', () => {
    expect(['1', 'v2', '1.2.3', '1.0.0-rc.1+build.5'].every(isVersionTag)).toBe(true);
    expect(['latest', 'main', 'production', '1.2.x', `1${'0'.repeat(30)}`].some(isVersionTag)).toBe(false);
  });
});

describe('pickOwner', () => {
  it.each([
    [['latest', '2.2'], '2.2'],
    [['production', '2.0'], '2.0'],
    [['qatesting', 'perftesting', '2.1'], '2.1'],
    [['1', '1.2', '1.2.3', 'latest'], '1.2.3'],
    [['2.0-rc1', 'next'], '2.0-rc1'],
    [['2.0-rc1', '2.0'], '2.0'],
    [['latest', 'main'], 'main'],
    [['latest'], 'latest'],
    [['1.0.7', '1.0.7-build', '1.0.7-rc', 'stable-7', 'ci-7'], '1.0.7'],
  ])('%j → %s', (tags, owner) => {
    expect(pickOwner(tags)).toBe(owner);
  });
});

describe('groupByDigest', () => {
  it('makes one group per digest with the owner and its aliases', () => {
    const groups = groupByDigest([
      { tag: 'latest', digest: 'sha256:b' },
      { tag: '2.0', digest: 'sha256:a' },
      { tag: 'production', digest: 'sha256:a' },
      { tag: '2.1', digest: 'sha256:b' },
      { tag: 'broken', digest: null },
    ]);
    expect(groups).toEqual([
      {
        digest: 'sha256:a',
        name: '2.0',
        owner: '2.0',
        versions: ['2.0'],
        aliases: ['production'],
        tags: ['2.0', 'production'],
        artifacts: [],
        artifact: false,
      },
      {
        digest: 'sha256:b',
        name: '2.1',
        owner: '2.1',
        versions: ['2.1'],
        aliases: ['latest'],
        tags: ['2.1', 'latest'],
        artifacts: [],
        artifact: false,
      },
    ]);
  });

  it('handles no tags', () => {
    expect(groupByDigest([])).toEqual([]);
  });
});

describe('the naming rule', () => {
  it('never makes a version an alias: a rebuild pushed as 2.3 and 2.1 is named by both', () => {
    const image = nameImage(['2.3', 'production', '2.1']);
    expect(image.versions).toEqual(['2.1', '2.3']);
    expect(image.aliases).toEqual(['production']);
    expect(image.name).toBe('2.1 = 2.3');
    expect(image.owner).toBe('2.3');
  });

  it('gives every alias the full name in roles, and none to a version', async () => {
    const { tagRoles } = await import('../../shared/alias-diagram');
    const groups = groupByDigest([
      { tag: '2.1', digest: 'sha256:a' },
      { tag: '2.3', digest: 'sha256:a' },
      { tag: 'production', digest: 'sha256:a' },
    ]);
    const roles = tagRoles(groups);
    expect(roles.get('production')?.aliasOf).toBe('2.1 = 2.3');
    expect(roles.get('2.1')?.aliasOf).toBeNull();
    expect(roles.get('2.3')?.aliasOf).toBeNull();
  });

  it('names an image without versions by its best other tag; latest only when alone', () => {
    expect(nameImage(['latest', 'main'])).toMatchObject({
      name: 'main',
      versions: [],
      aliases: ['latest'],
    });
    expect(nameImage(['latest']).name).toBe('latest');
    expect(nameImage(['latest']).aliases).toEqual([]);
  });

  it('counts date and build tags as versions, sha and branch tags as aliases', () => {
    const image = nameImage(['sha-1a2b3c4', '20240501', '1.4.0+build.7', 'main']);
    expect(image.versions).toEqual(['1.4.0+build.7', '20240501']);
    expect(image.aliases).toEqual(['main', 'sha-1a2b3c4']);
    expect(image.name).toBe('1.4.0+build.7 = 20240501');
  });

  it('spells out at most three versions in a name, and counts the rest', () => {
    const image = nameImage(['1.0', '1.1', '1.2', '1.3', '1.4', 'latest']);
    expect(image.versions).toHaveLength(5);
    expect(image.name).toBe('1.0 = 1.1 = 1.2 (+2 more)');
  });

  it('writes a large rest the way tooltips do, with a thousands separator', () => {
    const image = nameImage(Array.from({ length: 1003 }, (_, i) => `1.${i}`));
    expect(image.name).toBe('1.0 = 1.1 = 1.2 (+1,000 more)');
  });

  it('names a digest from the tags that point at it, or says it has none', () => {
    expect(imageName(['production', '2.1', '2.3'])).toBe('2.1 = 2.3');
    expect(imageName([])).toBeNull();
  });
});
