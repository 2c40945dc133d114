// tagRows turns a streamed tag listing into rows: newest version first, each alias pointing at the
// version tag that owns the same image (via groupByDigest).

import { groupByDigest } from '../../shared/grouping';
import type { TagInfo } from '../../shared/model';
import { compareNatural, compareVersions, isVersionTag } from '../../shared/version';

/** TagRow is one tag as the simple tags view draws it. */
export interface TagRow {
  tag: string;
  info: TagInfo | undefined;
  /** aliasOf is the owner tag when this tag is another name for the owner's image. */
  aliasOf: string | null;
  /** aliases are the other names of this tag's image, when this tag owns it. */
  aliases: readonly string[];
}

/** compareTagRows puts `latest` first, then other names A to Z, then versions from the newest. */
export function compareTagRows(a: string, b: string): number {
  if (a === 'latest' || b === 'latest') return a === b ? 0 : a === 'latest' ? -1 : 1;
  const va = isVersionTag(a);
  const vb = isVersionTag(b);
  if (va !== vb) return va ? 1 : -1;
  return va ? compareVersions(b, a) : compareNatural(a, b);
}

/** tagRows orders tags (see compareTagRows) and links each alias to the tag that owns its image. */
export function tagRows(names: readonly string[], infos: ReadonlyMap<string, TagInfo>): TagRow[] {
  const groups = groupByDigest([...infos.values()].map(({ tag, digest }) => ({ tag, digest })));
  const ownerOf = new Map<string, string>();
  const aliasesOf = new Map<string, readonly string[]>();
  for (const g of groups) {
    aliasesOf.set(g.owner, g.aliases);
    for (const a of g.aliases) ownerOf.set(a, g.owner);
  }
  return [...names].sort(compareTagRows).map((tag) => ({
    tag,
    info: infos.get(tag),
    aliasOf: ownerOf.get(tag) ?? null,
    aliases: aliasesOf.get(tag) ?? [],
  }));
}

/** countImages counts the distinct digests resolved so far. */
export function countImages(infos: ReadonlyMap<string, TagInfo>): number {
  const digests = new Set<string>();
  for (const info of infos.values()) if (info.digest) digests.add(info.digest);
  return digests.size;
}
