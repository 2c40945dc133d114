// The engine against a real docker-registry holding the standard fixture (see test/harness/fixtures.ts).

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RegistryClient } from '../../electron/core/registry/client';
import { groupByDigest } from '../../shared/grouping';
import { MediaType } from '../../shared/media-types';
import type { TagEvent } from '../../shared/model';
import { parseRegistry } from '../../shared/reference';
import { APP_TAGS } from '../harness/fixtures';
import { AMD64_ARM64 } from '../harness/image-config';

let client: RegistryClient;

beforeAll(() => {
  client = new RegistryClient({ registry: parseRegistry(inject('fixtureRegistryUrl')) });
});
afterAll(() => client.close());

describe('catalog', () => {
  it('streams every repository page by page, following relative Link headers', async () => {
    const pages: number[] = [];
    const all: string[] = [];
    for await (const page of client.catalog()) {
      pages.push(page.length);
      all.push(...page);
    }
    expect(all.length).toBeGreaterThan(2000);
    expect(pages[0]).toBe(1000); // the largest page distribution accepts
    expect(pages.length).toBe(Math.ceil(all.length / 1000));
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual(
      expect.arrayContaining(['app', 'team/sub/app', 'org-00/svc-0000', 'org-19/svc-1999']),
    );
  });

  it('asks again with a smaller page when a page size is refused', async () => {
    const pages: string[][] = [];
    for await (const page of client.catalog({ pageSize: 5000 })) pages.push(page);
    expect(pages[0]).toHaveLength(100);
  });
});

describe('tags and digests', () => {
  it('streams names first, then each digest, and groups aliases under their version', async () => {
    const events: TagEvent[] = [];
    for await (const e of client.tagEvents('app')) events.push(e);
    expect(events[0]).toEqual({ type: 'tags', tags: expect.arrayContaining(['1.0', 'latest']) });
    const tags = events.flatMap((e) => (e.type === 'tag' ? [e] : []));
    expect(tags).toHaveLength(APP_TAGS.versions.length + Object.keys(APP_TAGS.aliases).length);
    expect(tags.every((t) => t.digest?.startsWith('sha256:') && t.mediaType === MediaType.OCI_MANIFEST)).toBe(
      true,
    );
    const groups = groupByDigest(tags);
    expect(groups).toHaveLength(APP_TAGS.versions.length);
    const aliasesOf = Object.fromEntries(groups.map((g) => [g.owner, g.aliases]));
    expect(aliasesOf).toEqual({
      '1.0': [],
      '1.1': [],
      '1.2': [],
      '1.3': ['rollback'],
      '2.0': ['production'],
      '2.1': ['perftesting', 'qatesting'],
      '2.2': ['latest'],
    });
  });

  it('treats a repository whose tags were all deleted as empty', async () => {
    expect(await client.tags('emptied')).toEqual([]);
  });

  it('reports a missing repository per tag listing as NOT_FOUND', async () => {
    await expect(client.tags('does/not/exist')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('gives a tag that does not exist an error of its own', async () => {
    const info = await client.tagDigest('app', 'no-such-tag');
    expect(info.digest).toBeNull();
    expect(info.error?.code).toBe('NOT_FOUND');
  });

  it('resolves 1,000 tags over 200 digests', async () => {
    const tags: TagEvent[] = [];
    for await (const e of client.tagEvents('bench/many-tags', { concurrency: 16 }))
      if (e.type === 'tag') tags.push(e);
    expect(tags).toHaveLength(1000);
    const groups = groupByDigest(tags.flatMap((e) => (e.type === 'tag' ? [e] : [])));
    expect(groups).toHaveLength(200);
    expect(groups.find((g) => g.tags.includes('stable-7'))?.owner).toBe('1.0.7');
  });
});

describe('inspect', () => {
  it('reads an OCI image: config, layers, sizes', async () => {
    const r = await client.inspect('app', '2.2');
    expect(r).toMatchObject({
      kind: 'image',
      mediaType: MediaType.OCI_MANIFEST,
      tag: '2.2',
      platforms: [{ os: 'linux', architecture: 'amd64' }],
    });
    expect(r.config?.created).toMatch(/^2026-01-07/);
    expect(r.config?.labels['org.opencontainers.image.version']).toBe('2.2');
    expect(r.config?.exposedPorts).toEqual(['8080/tcp']);
    expect(r.layers.length).toBeGreaterThan(0);
    // totalSize counts the config blob too, as the registry stores it.
    const layerBytes = r.layers.reduce((s, l) => s + (l.size ?? 0), 0);
    expect(r.totalSize - layerBytes).toBeGreaterThan(100);
    expect(r.totalSize - layerBytes).toBeLessThan(10_000);
    const latest = await client.inspect('app', 'latest');
    expect(latest.digest).toBe(r.digest);
  });

  it('reads a multi-arch index with every platform’s image', async () => {
    const r = await client.inspect('multiarch', 'latest');
    expect(r.kind).toBe('index');
    expect(r.platforms).toEqual(AMD64_ARM64);
    expect(r.manifests).toHaveLength(2);
    expect(r.manifests.map((m) => m.config?.architecture)).toEqual(['amd64', 'arm64']);
    expect(r.totalSize).toBe(r.manifests[0]!.totalSize + r.manifests[1]!.totalSize);
  });

  it('reads a Docker schema2 image', async () => {
    const r = await client.inspect('legacy/docker', '3.1');
    expect(r).toMatchObject({ kind: 'image', mediaType: MediaType.DOCKER_SCHEMA2 });
    expect(r.config?.os).toBe('linux');
  });

  it('reads by digest, verifying the bytes', async () => {
    const byTag = await client.inspect('app', '1.0');
    const byDigest = await client.inspect('app', byTag.digest);
    expect(byDigest.tag).toBeNull();
    expect(byDigest.config).toEqual(byTag.config);
  });

  it('sees layers shared between repositories', async () => {
    const base = await client.inspect('shared/base', '1');
    const derived = await client.inspect('shared/derived', '1');
    const baseLayers = base.layers.map((l) => l.digest);
    expect(derived.layers.map((l) => l.digest).slice(0, baseLayers.length)).toEqual(baseLayers);
    expect(derived.layers.length).toBe(baseLayers.length + 1);
  });

  it('serves manifests by digest from its cache', async () => {
    const fresh = new RegistryClient({ registry: parseRegistry(inject('fixtureRegistryUrl')) });
    const r = await fresh.inspect('multiarch', '1.0');
    const before = fresh.transport.requestCount;
    await fresh.inspect('multiarch', r.digest);
    // The index and its children were read by digest once: the second look goes nowhere near the wire.
    expect(fresh.transport.requestCount).toBe(before);
    await fresh.close();
  });
});
