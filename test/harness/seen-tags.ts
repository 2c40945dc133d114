// A look at a repository's tags, as the tag cache records it, written as the tag → digest pairs a test is about.

import type { SeenTag } from '../../electron/core/cache/tag-cache';

/** seenTags builds a look's tags from [tag, digest] pairs (digest null: the tag failed to read), media type unknown. */
export function seenTags(...pairs: ReadonlyArray<readonly [string, string | null]>): SeenTag[] {
  return pairs.map(([tag, digest]) => ({ tag, digest, mediaType: null }));
}
