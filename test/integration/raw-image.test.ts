// images.raw against the standard fixture: the exact bytes the registry stores, for the details panel.

import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RegistryClient } from '../../electron/core/registry/client';
import { rawImage } from '../../electron/core/registry/raw-image';
import { MediaType } from '../../shared/media-types';
import { parseRegistry } from '../../shared/reference';

let client: RegistryClient;

beforeAll(() => {
  client = new RegistryClient({ registry: parseRegistry(inject('fixtureRegistryUrl')) });
});
afterAll(() => client.close());

const sha256 = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;

describe('rawImage', () => {
  it('returns an image manifest and its config byte for byte (the digests match)', async () => {
    const { digest } = await client.tagDigest('app', '1.3');
    const raw = await rawImage(client, 'app', digest!);
    expect(raw.digest).toBe(digest);
    expect(sha256(raw.manifest)).toBe(digest);
    expect(raw.truncated).toBe(false);
    expect(raw.config).not.toBeNull();
    expect(sha256(raw.config!.json)).toBe(raw.config!.digest);
    expect(JSON.parse(raw.config!.json).config.Env).toContain('APP_VERSION=1.3');
  });

  it('returns an index without a config', async () => {
    const { digest } = await client.tagDigest('multiarch', 'latest');
    const raw = await rawImage(client, 'multiarch', digest!);
    expect(raw.mediaType).toBe(MediaType.OCI_INDEX);
    expect(JSON.parse(raw.manifest).manifests).toHaveLength(2);
    expect(raw.config).toBeNull();
  });

  it('fails with NOT_FOUND for a digest the repository does not hold', async () => {
    await expect(rawImage(client, 'app', `sha256:${'0'.repeat(64)}`)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
