// A saved look at bench/huge in a fresh `berth ui`'s tag cache, for benches of a reopen: a first look of
// 100,000 tags through the screen takes minutes, but its result is known. The huge repository's tags point
// at HUGE_DIGESTS images in turn (hugeDigestIndex), so HEADing one tag per image gives every tag's digest.
// Written through the cache's own record (the first look also becomes the mark), as a complete look would.

import { join } from 'node:path';
import { request } from 'undici';
import { openTagCache, type SeenTag } from '../../electron/core/cache/tag-cache';
import { cacheKeyOf } from '../../electron/core/service/tag-cache-handle';
import { MANIFEST_ACCEPT } from '../../shared/media-types';
import { HUGE_DIGESTS, HUGE_REPOSITORY, HUGE_TAGS, hugeDigestIndex, hugeTagName } from '../harness/huge-repo';
import type { RunningRegistry } from '../harness/registry';

/** hugeLook reads the digest of each of bench/huge's images and gives every tag's, as a look would see them. */
export async function hugeLook(registry: RunningRegistry): Promise<SeenTag[]> {
  const images: { digest: string; mediaType: string | null }[] = [];
  for (let n = 0; n < HUGE_DIGESTS; n++) {
    const res = await request(`${registry.url}/v2/${HUGE_REPOSITORY}/manifests/${hugeTagName(n)}`, {
      method: 'HEAD',
      headers: { accept: MANIFEST_ACCEPT.join(', ') },
    });
    await res.body.dump();
    const digest = res.headers['docker-content-digest'];
    if (res.statusCode !== 200 || typeof digest !== 'string') throw new Error(`no digest for image ${n}`);
    const type = res.headers['content-type'];
    images.push({ digest, mediaType: typeof type === 'string' ? type : null });
  }
  return Array.from({ length: HUGE_TAGS }, (_, i) => ({
    tag: hugeTagName(i),
    ...images[hugeDigestIndex(i)]!,
  }));
}

/** seedLook saves `tags` as the last (and marked) look at bench/huge in the cache of the data dir `berthDir`. */
export function seedLook(registry: RunningRegistry, berthDir: string, tags: readonly SeenTag[]): void {
  const cache = openTagCache(join(berthDir, 'tag-cache.db'), console.warn, null);
  try {
    const key = cacheKeyOf({ url: registry.host, insecure: false });
    cache.record(key, HUGE_REPOSITORY, tags, new Date(Date.now() - 60_000));
  } finally {
    cache.close();
  }
}
