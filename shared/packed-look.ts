// A look (tag → digest) packed for the wire: each distinct digest and media type is sent once and the tags
// point at them by number. A look of 100,000 tags over a few hundred images was 10 MB of repeated digests
// as one object per tag; `berth ui` held its event loop encoding it and the renderer parsing it, while the
// tag names a reopen waits for queued behind (issue 11). Packed, it is the names and one number per tag.

/** PackedLook is a look's tags in order, each with the index of its digest (and media type) in `images`. */
export interface PackedLook {
  tags: string[];
  /** images are the look's distinct digest and media type pairs. */
  images: { digest: string; mediaType: string | null }[];
  /** imageOf[i] is the index in `images` of tags[i]'s digest. */
  imageOf: number[];
}

/** LookRow is one tag of a look as the cache reads it: tag, digest, media type (null when unknown). */
export type LookRow = readonly [tag: string, digest: string, mediaType: string | null];

/** LookPacker packs rows as they are read, a page at a time. */
export class LookPacker {
  private readonly packed: PackedLook = { tags: [], images: [], imageOf: [] };
  private readonly index = new Map<string, number>();

  /** add packs more rows, after those added before. */
  add(rows: readonly LookRow[]): void {
    const { tags, images, imageOf } = this.packed;
    for (const [tag, digest, mediaType] of rows) {
      const key = `${digest}\n${mediaType ?? ''}`;
      let at = this.index.get(key);
      if (at === undefined) {
        at = images.length;
        images.push({ digest, mediaType });
        this.index.set(key, at);
      }
      tags.push(tag);
      imageOf.push(at);
    }
  }

  /** result is everything added so far. */
  result(): PackedLook {
    return this.packed;
  }
}

/** packRows packs a whole look's rows at once (none: the empty look). */
export function packRows(rows: readonly LookRow[]): PackedLook {
  const packer = new LookPacker();
  packer.add(rows);
  return packer.result();
}

/** packLook packs a whole look at once. */
export function packLook(
  tags: readonly { tag: string; digest: string; mediaType?: string | null }[],
): PackedLook {
  return packRows(tags.map((t) => [t.tag, t.digest, t.mediaType ?? null] as const));
}

/** unpackLook gives each tag of a packed look with its digest and media type, in order. */
export function unpackLook(p: PackedLook): { tag: string; digest: string; mediaType: string | null }[] {
  const out = new Array<{ tag: string; digest: string; mediaType: string | null }>(p.tags.length);
  for (let i = 0; i < p.tags.length; i++) {
    const image = p.images[p.imageOf[i]!]!;
    out[i] = { tag: p.tags[i]!, digest: image.digest, mediaType: image.mediaType };
  }
  return out;
}
