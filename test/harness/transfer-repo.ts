// The transfer bench's source: one repository of 1,000 tags over 200 images, on a real registry. Every
// image has a shared base layer and a layer of its own, like a service rebuilt on one base image, so a sync
// has real bytes to move and a layer to send once, not 200 times. Built once, cached under .cache/.

import { createCipheriv, createHash } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCachedStorage } from './cached-storage';
import { mapConcurrent } from './concurrency';
import { pushImage } from './push';

/** TRANSFER_REPOSITORY is the repository holding the tags. */
export const TRANSFER_REPOSITORY = 'bench/transfer';
/** TRANSFER_IMAGES is how many distinct images it holds. */
export const TRANSFER_IMAGES = 200;
/** TRANSFER_BASE_BYTES is the size of the base layer every image shares. */
export const TRANSFER_BASE_BYTES = 4 * 1024 * 1024;
/** TRANSFER_OWN_BYTES is the size of each image's own layer. */
export const TRANSFER_OWN_BYTES = 64 * 1024;

const VERSION = 1;
const IN_FLIGHT = 16;

/** transferTagsFor lists the five tags of the n-th image: a version, a build, a release, a commit, a channel. */
export function transferTagsFor(n: number): string[] {
  return [
    `1.${n}.0`,
    `1.${n}.0-build.${n * 7}`,
    `release-${n}`,
    `sha-${(n * 2654435761) % 2 ** 32}`,
    `stable-${n}`,
  ];
}

/** TRANSFER_TAGS is the total number of tags: 1,000. */
export const TRANSFER_TAGS = TRANSFER_IMAGES * transferTagsFor(0).length;

/** pseudoRandomBytes is `size` bytes that look random (incompressible) but are the same for the same seed. */
export function pseudoRandomBytes(seed: string, size: number): Buffer {
  const key = createHash('sha256').update(seed).digest();
  const cipher = createCipheriv('aes-256-ctr', key, Buffer.alloc(16));
  return Buffer.concat([cipher.update(Buffer.alloc(size)), cipher.final()]);
}

async function build(url: string, log: (msg: string) => void): Promise<void> {
  const base = pseudoRandomBytes('berth transfer base', TRANSFER_BASE_BYTES);
  // The first image uploads the base layer; the others find it there (HEAD) and skip it.
  const push = (n: number) =>
    pushImage(url, TRANSFER_REPOSITORY, {
      tags: transferTagsFor(n),
      layers: [base, pseudoRandomBytes(`berth transfer image ${n}`, TRANSFER_OWN_BYTES)],
      config: { created: new Date(Date.UTC(2026, 0, 1 + n)).toISOString() },
    });
  await push(0);
  await mapConcurrent(
    Array.from({ length: TRANSFER_IMAGES - 1 }, (_, i) => i + 1),
    IN_FLIGHT,
    push,
  );
  log(`${TRANSFER_IMAGES} images under ${TRANSFER_TAGS} tags pushed`);
}

function defaultCacheDir(): string {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  return join(root, '.cache', `registry-transfer-v${VERSION}`);
}

/** ensureTransferRepoStorage returns a registry storage root holding bench/transfer, building it once. */
export async function ensureTransferRepoStorage(cacheDir: string = defaultCacheDir()): Promise<string> {
  return ensureCachedStorage(cacheDir, 'transfer fixture', VERSION, build);
}
