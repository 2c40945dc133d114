// A repository of 100,000 tags over a few hundred images, on a real registry, for the tags-view bench.
// Built once by pushing HUGE_DIGESTS images and PUTting their manifests under many tags, then cached
// under .cache/ like the standard fixture (a build takes a few minutes; later runs reuse it).

import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCachedStorage } from './cached-storage';
import { mapConcurrent } from './concurrency';
import { makeLayer } from './layer';
import { pushImage, putManifest } from './push';

/** HUGE_REPOSITORY is the repository holding the tags. */
export const HUGE_REPOSITORY = 'bench/huge';
/** HUGE_TAGS is how many tags it has. */
export const HUGE_TAGS = 100_000;
/** HUGE_DIGESTS is how many distinct images those tags point at. */
export const HUGE_DIGESTS = 300;

const VERSION = 1;
const IN_FLIGHT = 32;

/** hugeTagName names the i-th tag: three in four are versions (1.42.7), the rest branch names. */
export function hugeTagName(i: number): string {
  return i % 4 === 3 ? `branch-${i}` : `1.${Math.floor(i / 1000)}.${i % 1000}`;
}

/** hugeDigestIndex says which of the HUGE_DIGESTS images the i-th tag points at. */
export function hugeDigestIndex(i: number): number {
  return i % HUGE_DIGESTS;
}

async function buildHuge(url: string, log: (msg: string) => void): Promise<void> {
  const layer = makeLayer('bench-huge');
  const images = await mapConcurrent(
    Array.from({ length: HUGE_DIGESTS }, (_, n) => n),
    IN_FLIGHT,
    (n) =>
      pushImage(url, HUGE_REPOSITORY, {
        tags: [],
        layers: [layer],
        config: { created: new Date(Date.UTC(2026, 0, 1 + (n % 365))).toISOString() },
      }),
  );
  log(`${HUGE_DIGESTS} images pushed`);
  let done = 0;
  await mapConcurrent(
    Array.from({ length: HUGE_TAGS }, (_, i) => i),
    IN_FLIGHT,
    async (i) => {
      const image = images[hugeDigestIndex(i)]!;
      await putManifest(url, HUGE_REPOSITORY, hugeTagName(i), image.manifest, image.mediaType);
      if (++done % 10_000 === 0) log(`${done} tags`);
    },
  );
}

function defaultCacheDir(): string {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  return join(root, '.cache', `registry-tags-100k-v${VERSION}`);
}

/** ensureHugeRepoStorage returns a registry storage root holding bench/huge, building and caching it once. */
export async function ensureHugeRepoStorage(cacheDir: string = defaultCacheDir()): Promise<string> {
  return ensureCachedStorage(cacheDir, 'huge fixture', VERSION, buildHuge);
}
