// A look at a repository's tags, as the tag cache records it, written as the tag → digest pairs a test is about.

import type { SeenTag } from '../../electron/core/cache/tag-cache';

/** A and B are two made-up digests a tag can point at. */
export const A = `sha256:${'a'.repeat(64)}`;
/** B is the digest a tag moves to. */
export const B = `sha256:${'b'.repeat(64)}`;
/** CACHE_KEY is the registry key the tag cache tests record under (the scheme and host of a plain-http registry). */
export const CACHE_KEY = 'http://127.0.0.1:5000';

/** seenTags builds a look's tags from [tag, digest] pairs (digest null: the tag failed to read), media type unknown. */
export function seenTags(...pairs: ReadonlyArray<readonly [string, string | null]>): SeenTag[] {
  return pairs.map(([tag, digest]) => ({ tag, digest, mediaType: null }));
}

/** bigLook is a look of `count` tags named `t-00000`, `t-00001`, … all pointing at `digest`. */
export function bigLook(count: number, digest: string): SeenTag[] {
  return Array.from({ length: count }, (_, i) => ({
    tag: `t-${String(i).padStart(5, '0')}`,
    digest,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
  }));
}
