// Attestations and referrers against a real docker-registry (Distribution 2.8). It has no referrers API
// (it answers 404), so what a client finds there is the referrers tag schema: a `sha256-<hex>` tag
// holding an index of the artifacts, next to cosign's `sha256-<hex>.sig` tag.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../electron/core/registry/client';
import { inspect } from '../../electron/core/registry/inspect';
import { INSPECT_LIMITS } from '../../electron/core/registry/inspect-limits';
import { groupByDigest, imageCount } from '../../shared/grouping';
import type { TagInfo } from '../../shared/model';
import { parseRegistry } from '../../shared/reference';
import { AMD64_ARM64 } from '../harness/image-config';
import {
  COSIGN_SIG_TYPE,
  fallbackTag,
  PROVENANCE,
  pushSignedImage,
  type SignedImage,
  SPDX,
  SPDX_TYPE,
} from '../harness/push-artifacts';
import { type RunningRegistry, startRegistry } from '../harness/registry';

let reg: RunningRegistry;
let client: RegistryClient;
let signed: SignedImage;

beforeAll(async () => {
  reg = await startRegistry();
  // Signed as cosign does it: an artifact naming the index as its subject, also under the .sig tag.
  signed = await pushSignedImage(reg.url, 'signed/app', {
    tags: ['1.0', 'latest'],
    plainTag: '0.9',
    signatureCreated: '2026-03-01T00:00:00Z',
  });
  client = new RegistryClient({ registry: parseRegistry(reg.url) });
});
afterAll(async () => {
  await client?.close();
  await reg?.stop();
});

describe('attestations', () => {
  it('hang off the platform image they describe and are not images themselves', async () => {
    const r = await client.inspect('signed/app', '1.0');
    expect(r.kind).toBe('index');
    expect(r.platforms).toEqual(AMD64_ARM64);
    expect(r.manifests.map((m) => m.digest)).toEqual(signed.app.children.map((c) => c.digest));
    expect(r.manifests.map((m) => m.attestations)).toEqual(
      signed.app.attestations.map((a) => [
        { digest: a.digest, mediaType: a.mediaType, size: a.size, predicateTypes: [PROVENANCE, SPDX] },
      ]),
    );
    // The size counts the platform images only, as before attestations were known.
    expect(r.totalSize).toBe(r.manifests.reduce((sum, m) => sum + m.totalSize, 0));
    expect(r.referrers).toBeUndefined(); // not asked: the table inspects every digest and must stay cheap
  });

  it('do not count as platforms against the inspect limits', async () => {
    const limits = { ...INSPECT_LIMITS, platformsRead: 1 };
    const r = await inspect(client.transport, 'signed/app', '1.0', { limits });
    expect(r.manifests).toHaveLength(2);
    expect(r.manifests[0]!.error).toBeUndefined();
    expect(r.manifests[1]!.error?.code).toBe('TOO_LARGE');
    // Small, and not images: both are still read and hang off their image, read in full or not.
    expect(r.manifests.map((m) => m.attestations[0]?.predicateTypes)).toEqual([
      [PROVENANCE, SPDX],
      [PROVENANCE, SPDX],
    ]);
    expect(r.notes?.[0]).toContain('lists 2 images; Berth read 1 of them in full');
  });
});

describe('referrers on a registry without the referrers API', () => {
  it('are read from the sha256-<hex> fallback tag, with the cosign tag joined to its artifact', async () => {
    const list = await client.referrers('signed/app', signed.app.digest);
    expect(list).toEqual({
      subject: signed.app.digest,
      source: 'fallback-tag',
      referrers: [
        {
          digest: signed.signature.digest,
          mediaType: signed.signature.mediaType,
          size: signed.signature.size,
          artifactType: COSIGN_SIG_TYPE,
          kind: 'signature',
          annotations: { 'org.opencontainers.image.created': '2026-03-01T00:00:00Z' },
          tag: `${fallbackTag(signed.app.digest)}.sig`,
        },
        {
          digest: signed.sbom.digest,
          mediaType: signed.sbom.mediaType,
          size: signed.sbom.size,
          artifactType: SPDX_TYPE,
          kind: 'sbom',
        },
      ],
    });
  });

  it('filter by artifact type', async () => {
    const list = await client.referrers('signed/app', signed.app.digest, { artifactType: SPDX_TYPE });
    expect(list.referrers.map((r) => r.digest)).toEqual([signed.sbom.digest]);
  });

  it('are none, without an error, for an image nothing is attached to', async () => {
    expect(await client.referrers('signed/app', signed.plain.digest)).toEqual({
      subject: signed.plain.digest,
      source: 'fallback-tag',
      referrers: [],
    });
  });

  it('come with inspect when asked', async () => {
    const r = await client.inspect('signed/app', 'latest', { referrers: true });
    expect(r.referrers?.referrers.map((a) => a.kind)).toEqual(['signature', 'sbom']);
  });

  it('an artifact inspected says what it is and what it is attached to, without reading `{}` as a config', async () => {
    const r = await client.inspect('signed/app', `${fallbackTag(signed.app.digest)}.sig`);
    expect(r).toMatchObject({
      kind: 'image',
      artifactType: COSIGN_SIG_TYPE,
      subject: signed.app.digest,
      config: null,
      platforms: [],
      layers: [{ digest: signed.signature.layers[0], mediaType: COSIGN_SIG_TYPE }],
    });
  });
});

describe('artifact tags in the tag list', () => {
  it('are not counted as images', async () => {
    const infos: TagInfo[] = [];
    for await (const e of client.tagEvents('signed/app')) if (e.type === 'tag') infos.push(e);
    expect(infos.map((t) => t.tag).sort()).toEqual(
      [
        '0.9',
        '1.0',
        'latest',
        fallbackTag(signed.app.digest),
        `${fallbackTag(signed.app.digest)}.sig`,
      ].sort(),
    );
    const groups = groupByDigest(infos);
    expect(groups).toHaveLength(4);
    expect(imageCount(groups)).toBe(2);
    const image = groups.find((g) => g.digest === signed.app.digest);
    expect(image).toMatchObject({ name: '1.0', versions: ['1.0'], aliases: ['latest'], artifacts: [] });
  });
});
