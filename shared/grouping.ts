// The one naming rule for images, used by the table, the diagram, details, compare, Activity and the CLI:
// tags that share a digest are one image. A version tag (`2.1`, `v3`, `2.0.1-rc1`, `20240501`) is never an
// alias: an image with several version tags is named by all of them (`2.1 = 2.3`). Every other tag
// (`latest`, `production`, `sha-1a2b3c`) is an alias of the image's versions (`production → 2.1 = 2.3`).
// An image without any version tag is named by its best other tag (`main` before `latest`).
// Artifact tags (`sha256-<hex>`, cosign's `sha256-<hex>.sig|.att|.sbom`) carry signatures and SBOMs for
// another image: they are neither versions nor aliases, and a digest only they name is not an image.

import { isArtifactTag } from './artifacts';
import { andMore } from './plural';
import { compareVersions, isVersionTag, parsedVersion } from './version';

/** TagClass is what the naming rule makes of a tag: a version, an alias of the versions, or an artifact tag. */
export type TagClass = 'version' | 'alias' | 'artifact';

/** classifyTag applies the naming rule to one tag on its own: `2.1` version, `sha256-<hex>.sig` artifact, `latest` alias. */
export function classifyTag(tag: string): TagClass {
  if (isArtifactTag(tag)) return 'artifact';
  return isVersionTag(tag) ? 'version' : 'alias';
}

/** TagDigest pairs a tag with the digest it points at (null while unknown or when it could not be read). */
export interface TagDigest {
  tag: string;
  digest: string | null;
  mediaType?: string | null;
}

/** ImageGroup is one image: a digest, the tags that name it, and the alias tags pointing at it. */
export interface ImageGroup {
  digest: string;
  /** name is what people call the image: its versions joined by " = ", else its best other tag. */
  name: string;
  /** owner is the one tag that stands for the image (keys, links, sorting): its highest release version, else its best other tag. */
  owner: string;
  /** versions are the image's version-like tags, in version order; never aliases. */
  versions: string[];
  /** aliases are the other tags of the image, drawn as arrows into its versions; never a version tag. */
  aliases: string[];
  /** tags are all tags of the image, in version order. */
  tags: string[];
  /** artifacts are the tags that carry artifacts (`sha256-<hex>.sig`); never versions or aliases. */
  artifacts: string[];
  /** artifact: only artifact tags name this digest, so it is a signature, SBOM or referrers index, not an image. */
  artifact: boolean;
}

/** ownerRank scores how well a tag stands for an image: a plain release beats a pre-release beats a name. */
function ownerRank(tag: string): number {
  // Remembered: naming an image sorts its tags first, which parses each of them already.
  const v = parsedVersion(tag);
  if (!v) return tag === 'latest' ? 0 : 1;
  // Full releases (1.2.3) outrank floating ones (1.2, 1); pre-releases and builds rank below releases.
  return (v.pre === null && v.build === null ? 100 : 50) + Math.min(v.release.length, 10);
}

/** pickOwner chooses the tag that stands for an image among tags sharing a digest: best rank, then highest version. */
export function pickOwner(tags: readonly string[]): string {
  let best = tags[0]!;
  let bestRank = ownerRank(best);
  for (let k = 1; k < tags.length; k++) {
    const tag = tags[k]!;
    const rank = ownerRank(tag);
    if (rank > bestRank || (rank === bestRank && compareVersions(tag, best) > 0)) {
      best = tag;
      bestRank = rank;
    }
  }
  return best;
}

/** nameImage applies the naming rule to the tags of one image (any order). */
export function nameImage(
  tags: readonly string[],
): Pick<ImageGroup, 'name' | 'owner' | 'versions' | 'aliases' | 'tags' | 'artifacts' | 'artifact'> {
  const sorted = [...tags].sort(compareVersions);
  const artifacts = sorted.filter(isArtifactTag);
  // Only artifact tags: an artifact, named by its tag; it has no versions and no aliases.
  if (artifacts.length === sorted.length) {
    const owner = pickOwner(sorted);
    return { name: owner, owner, versions: [], aliases: [], tags: sorted, artifacts, artifact: true };
  }
  const named = artifacts.length > 0 ? sorted.filter((t) => !isArtifactTag(t)) : sorted;
  const versions = named.filter(isVersionTag);
  const owner = pickOwner(versions.length > 0 ? versions : named);
  const aliases =
    versions.length > 0 ? named.filter((t) => !isVersionTag(t)) : named.filter((t) => t !== owner);
  const name = versions.length > 0 ? joinVersions(versions) : owner;
  return { name, owner, versions, aliases, tags: sorted, artifacts, artifact: false };
}

/** NAME_VERSIONS is how many versions a name spells out; a repository that tags one image 300 times must not print 300 names per row. */
export const NAME_VERSIONS = 3;

/** joinCapped joins tags with a separator, spelling out at most NAME_VERSIONS and counting the rest. */
function joinCapped(tags: readonly string[], separator: string): string {
  return `${tags.slice(0, NAME_VERSIONS).join(separator)}${andMore(tags.length - NAME_VERSIONS)}`;
}

/** joinVersions writes versions as `2.1 = 2.3`, at most NAME_VERSIONS of them. */
export function joinVersions(versions: readonly string[]): string {
  return joinCapped(versions, ' = ');
}

/** imageName names a digest for people from the tags known to point at it, or null when none does. */
export function imageName(tags: readonly string[]): string | null {
  return tags.length > 0 ? nameImage(tags).name : null;
}

/** imageCount counts the images among groups: a digest only artifact tags name is not one. */
export function imageCount(groups: readonly Pick<ImageGroup, 'artifact'>[]): number {
  let n = 0;
  for (const g of groups) if (!g.artifact) n++;
  return n;
}

/** joinNames lists alias names as `latest, production`, at most NAME_VERSIONS of them. */
export function joinNames(names: readonly string[]): string {
  return joinCapped(names, ', ');
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
  for (const [digest, list] of byDigest) groups.push({ digest, ...nameImage(list) });
  return groups.sort((a, b) => compareVersions(a.owner, b.owner));
}
