import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../electron/core/registry/manifest';
import {
  blobAction,
  blobsOf,
  childrenOf,
  chunkLength,
  isForeignLayer,
  planTags,
  tagMatcher,
} from '../../electron/core/transfer/plan';
import { MediaType } from '../../shared/media-types';

const d = (c: string) => `sha256:${c.repeat(64)}`;
const LAYER = 'application/vnd.oci.image.layer.v1.tar+gzip';

describe('planTags', () => {
  it('groups the tags to copy by digest, in source order, and leaves equal tags alone', () => {
    const plan = planTags(
      [
        { tag: '1.0', digest: d('a') },
        { tag: 'latest', digest: d('b') },
        { tag: '2.0', digest: d('b') },
        { tag: 'stable', digest: d('a') },
        { tag: 'old', digest: d('c') },
      ],
      new Map([
        ['stable', d('a')], // already right
        ['old', d('9')], // moved on the source: copy again
      ]),
    );
    expect(plan.images).toEqual([
      { digest: d('a'), tags: ['1.0'] },
      { digest: d('b'), tags: ['latest', '2.0'] },
      { digest: d('c'), tags: ['old'] },
    ]);
    expect(plan.copy.map((c) => c.tag)).toEqual(['1.0', 'latest', '2.0', 'old']);
    expect(plan.unchanged).toEqual([{ tag: 'stable', digest: d('a') }]);
    expect(plan.failed).toEqual([]);
  });

  it('copies an image once even when one of its tags is already there', () => {
    const plan = planTags(
      [
        { tag: 'a', digest: d('1') },
        { tag: 'b', digest: d('1') },
      ],
      new Map([['a', d('1')]]),
    );
    expect(plan.images).toEqual([{ digest: d('1'), tags: ['b'] }]);
  });

  it('reports unreadable source tags with their error, and a missing digest with a sentence', () => {
    const plan = planTags(
      [
        { tag: 'broken', digest: null, error: { code: 'NOT_FOUND', message: 'gone' } },
        { tag: 'odd', digest: null },
      ],
      new Map(),
    );
    expect(plan.images).toEqual([]);
    expect(plan.failed[0]).toEqual({ tag: 'broken', error: { code: 'NOT_FOUND', message: 'gone' } });
    expect(plan.failed[1]!.error.code).toBe('PROTOCOL');
    expect(plan.failed[1]!.error.message).toContain('odd');
  });

  it('plans nothing for an empty source, and nothing when everything is equal', () => {
    expect(planTags([], new Map()).images).toEqual([]);
    const same = planTags([{ tag: 'x', digest: d('1') }], new Map([['x', d('1')]]));
    expect(same.images).toEqual([]);
    expect(same.copy).toEqual([]);
  });
});

describe('tagMatcher', () => {
  it('selects every tag without globs, and blank globs count as none', () => {
    expect(tagMatcher([])('anything')).toBe(true);
    expect(tagMatcher(['  '])('anything')).toBe(true);
  });

  it('matches any of several globs, whole names only', () => {
    const m = tagMatcher(['1.*', 'latest']);
    expect(['1.0', '1.2.3', 'latest'].map(m)).toEqual([true, true, true]);
    expect(['2.0', 'latest-rc', 'v1.0', '11.0'].map(m)).toEqual([false, false, false, false]);
  });

  it('treats ? as one character and everything else literally', () => {
    const m = tagMatcher(['v?.[0]']);
    expect(m('v1.[0]')).toBe(true);
    expect(m('v1.0')).toBe(false);
    expect(m('v10.[0]')).toBe(false);
  });
});

describe('blobsOf and childrenOf', () => {
  it('lists config first, each digest once, without foreign layers', () => {
    const m: Manifest = {
      kind: 'image',
      mediaType: MediaType.DOCKER_SCHEMA2,
      config: { mediaType: MediaType.DOCKER_CONFIG, digest: d('c'), size: 5 },
      layers: [
        { mediaType: LAYER, digest: d('1'), size: 10 },
        { mediaType: 'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip', digest: d('f'), size: 99 },
        { mediaType: LAYER, digest: d('1'), size: 10 },
        {
          mediaType: 'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip',
          digest: d('n'),
          size: 9,
        },
        { mediaType: LAYER, digest: d('2'), size: 20 },
      ],
    };
    expect(blobsOf(m)).toEqual([
      { digest: d('c'), size: 5, mediaType: MediaType.DOCKER_CONFIG },
      { digest: d('1'), size: 10, mediaType: LAYER },
      { digest: d('2'), size: 20, mediaType: LAYER },
    ]);
    expect(childrenOf(m)).toEqual([]);
  });

  it('lists schema 1 layers without sizes', () => {
    const m: Manifest = {
      kind: 'legacy',
      mediaType: MediaType.DOCKER_SCHEMA1_SIGNED,
      layers: [
        { digest: d('1'), size: null, mediaType: 'x' },
        { digest: d('1'), size: null, mediaType: 'x' },
      ],
      config: null,
    };
    expect(blobsOf(m)).toEqual([{ digest: d('1'), size: null, mediaType: 'x' }]);
  });

  it("lists an index's platform manifests once each, and no blobs", () => {
    const m: Manifest = {
      kind: 'index',
      mediaType: MediaType.OCI_INDEX,
      manifests: [
        { mediaType: MediaType.OCI_MANIFEST, digest: d('a'), size: 1 },
        { mediaType: MediaType.OCI_MANIFEST, digest: d('b'), size: 1 },
        { mediaType: MediaType.OCI_MANIFEST, digest: d('a'), size: 1 },
      ],
    };
    expect(childrenOf(m)).toEqual([
      { digest: d('a'), mediaType: MediaType.OCI_MANIFEST },
      { digest: d('b'), mediaType: MediaType.OCI_MANIFEST },
    ]);
    expect(blobsOf(m)).toEqual([]);
  });

  it('tells foreign layers by media type', () => {
    expect(isForeignLayer('application/vnd.docker.image.rootfs.foreign.diff.tar.gzip')).toBe(true);
    expect(isForeignLayer('application/vnd.oci.image.layer.nondistributable.v1.tar')).toBe(true);
    expect(isForeignLayer(LAYER)).toBe(false);
  });
});

describe('blobAction', () => {
  const base = { sourceRepository: 'a', targetRepository: 'b' };
  it('skips what the target has, mounts within one registry, uploads between registries', () => {
    expect(blobAction({ ...base, present: true, sameRegistry: true })).toBe('skip');
    expect(blobAction({ ...base, present: false, sameRegistry: true })).toBe('mount');
    expect(blobAction({ ...base, present: false, sameRegistry: false })).toBe('upload');
  });

  it('uploads into the same repository (a mount from itself cannot help)', () => {
    expect(
      blobAction({ present: false, sameRegistry: true, sourceRepository: 'a', targetRepository: 'a' }),
    ).toBe('upload');
  });
});

describe('chunkLength', () => {
  it("raises our chunk to the registry's minimum, never below one byte", () => {
    expect(chunkLength(8, null)).toBe(8);
    expect(chunkLength(8, 20)).toBe(20);
    expect(chunkLength(0, null)).toBe(1);
  });
});
