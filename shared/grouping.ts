import { compareVersions, parseVersion } from './version';

/** TagDigest pairs a tag with the digest it points at (null while unknown or when it could not be read). */
export interface TagDigest {
  tag: string;
  digest: string | null;
  mediaType?: string | null;
}

/** ImageGroup is one image: a digest, the tag that owns it, and the alias tags pointing at the same digest. */
export interface ImageGroup {
  digest: string;
  /** owner is the most version-like tag of the image; never `latest` when a version tag exists. */
  owner: string;
  /** aliases are the other tags with this digest, drawn as arrows into the owner. */
  aliases: string[];
  /** tags are all tags of the image, in version order. */
  tags: string[];
}

/** ownerRank scores how well a tag names an image: a plain release beats a pre-release beats a name. */
function ownerRank(tag: string): number {
  const v = parseVersion(tag);
  if (!v) return tag === 'latest' ? 0 : 1;
  // Full releases (1.2.3) outrank floating ones (1.2, 1); pre-releases and builds rank below releases.
  return (v.pre === null && v.build === null ? 100 : 50) + Math.min(v.release.length, 10);
}

/** pickOwner chooses the owner tag among tags sharing a digest: best rank, then highest version. */
export function pickOwner(tags: readonly string[]): string {
  let best = tags[0]!;
  for (const tag of tags.slice(1)) {
    const d = ownerRank(tag) - ownerRank(best);
    if (d > 0 || (d === 0 && compareVersions(tag, best) > 0)) best = tag;
  }
  return best;
}

/** groupByDigest forms one ImageGroup per digest; tags without a digest are left out. Sorted by owner version. */
export function groupByDigest(tags: readonly TagDigest[]): ImageGroup[] {
  const byDigest = new Map<string, string[]>();
  for (const { tag, digest } of tags) {
    if (!digest) continue;
    const list = byDigest.get(digest);
    if (list) list.push(tag);
    else byDigest.set(digest, [tag]);
  }
  const groups: ImageGroup[] = [];
  for (const [digest, list] of byDigest) {
    const sorted = [...list].sort(compareVersions);
    const owner = pickOwner(sorted);
    groups.push({ digest, owner, aliases: sorted.filter((t) => t !== owner), tags: sorted });
  }
  return groups.sort((a, b) => compareVersions(a.owner, b.owner));
}
