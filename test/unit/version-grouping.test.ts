import { describe, expect, it } from 'vitest';
import { groupByDigest, pickOwner } from '../../shared/grouping';
import { compareVersions, isVersionTag } from '../../shared/version';

describe('compareVersions', () => {
  const sort = (tags: string[]) => [...tags].sort(compareVersions);

  it('orders numbers numerically, not as text', () => {
    expect(sort(['1.10', '1.9', '1.2', '10.0', '2.0'])).toEqual(['1.2', '1.9', '1.10', '2.0', '10.0']);
  });

  it('puts pre-releases before their release', () => {
    expect(sort(['2.0', '2.0-rc1', '2.0-rc10', '2.0-rc2', '1.9'])).toEqual([
      '1.9',
      '2.0-rc1',
      '2.0-rc2',
      '2.0-rc10',
      '2.0',
    ]);
  });

  it('treats v1.2 like 1.2 and puts names after versions, naturally ordered', () => {
    expect(sort(['latest', 'v1.2', '1.1', 'build-10', 'build-9'])).toEqual([
      '1.1',
      'v1.2',
      'build-9',
      'build-10',
      'latest',
    ]);
  });

  it('is a total order on ties (1.0 vs 1.0.0)', () => {
    expect(sort(['1.0.0', '1.0', '1'])).toEqual(['1', '1.0', '1.0.0']);
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
      { digest: 'sha256:a', owner: '2.0', aliases: ['production'], tags: ['2.0', 'production'] },
      { digest: 'sha256:b', owner: '2.1', aliases: ['latest'], tags: ['2.1', 'latest'] },
    ]);
  });

  it('handles no tags', () => {
    expect(groupByDigest([])).toEqual([]);
  });
});
