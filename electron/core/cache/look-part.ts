// Part of a look as it travels to the worker that saves it: the tag names joined into one string (copied
// between threads at once; a tag name has no newline) and, per tag, the index of its digest and media type
// among the part's distinct ones. Sent as 5,000 objects of three strings each, a look of 100,000 tags held
// `berth ui`'s event loop for 0.23 s in postMessage at the end of a reopen (the save stall of issue 11).

import type { SeenTag } from './tag-cache';

/** LookPart is a few thousand tags of a look, encoded for postMessage. */
export interface LookPart {
  names: string;
  /** images are the part's distinct [digest, media type] pairs (digest null: the tag could not be read). */
  images: [string | null, string | null][];
  /** imageOf[i] is the index in `images` of the i-th tag's pair; its buffer is transferred, not copied. */
  imageOf: Uint32Array<ArrayBuffer>;
}

/** encodePart encodes tags for the worker. */
export function encodePart(tags: readonly SeenTag[]): LookPart {
  const images: LookPart['images'] = [];
  const index = new Map<string, number>();
  const imageOf = new Uint32Array(tags.length);
  const names = new Array<string>(tags.length);
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i]!;
    names[i] = t.tag;
    // null reads "null" here, which no digest (algorithm:hex) or media type (type/subtype) can be.
    const key = `${t.digest}\n${t.mediaType}`;
    let at = index.get(key);
    if (at === undefined) {
      at = images.length;
      images.push([t.digest, t.mediaType]);
      index.set(key, at);
    }
    imageOf[i] = at;
  }
  return { names: names.join('\n'), images, imageOf };
}

/** decodePart gives back the tags encodePart was given, in order. */
export function decodePart(part: LookPart): SeenTag[] {
  if (part.imageOf.length === 0) return [];
  const names = part.names.split('\n');
  return names.map((tag, i) => {
    const [digest, mediaType] = part.images[part.imageOf[i]!]!;
    return { tag, digest, mediaType };
  });
}
