// What one tag's image is also called, by the naming rule of grouping.ts: a version row names its sibling
// versions (`= 2.3`) and the aliases pointing at it (`← qatesting, perftesting`), an alias row names the
// versions it is (`→ 2.1 = 2.3`). The table, the details panel and the CLI all read it from here.

import { type ImageGroup, joinNames, joinVersions } from './grouping';

/** SameImage is a tag's place in its image: the other versions, the aliases pointing in, the name pointed at. */
export interface SameImage {
  /** equals are the image's other version tags (`2.3` on the `2.1` row), in version order; empty on an alias. */
  equals: string[];
  /** pointedBy are the alias tags pointing at this version's image; empty on an alias. */
  pointedBy: string[];
  /** pointsTo is the image's name (`2.1 = 2.3`) when the tag is an alias of it, else null. */
  pointsTo: string | null;
}

const NOTHING: SameImage = { equals: [], pointedBy: [], pointsTo: null };

/** sameImage reads a tag's place in its image; artifact tags and lone tags get nothing. */
export function sameImage(tag: string, g: Pick<ImageGroup, 'versions' | 'aliases' | 'name'>): SameImage {
  if (g.versions.includes(tag)) {
    return { equals: g.versions.filter((v) => v !== tag), pointedBy: g.aliases, pointsTo: null };
  }
  return g.aliases.includes(tag) ? { ...NOTHING, pointsTo: g.name } : NOTHING;
}

/**
 * sameImageAs writes sameImage as the classic text view does: `→ 2.1 = 2.3` on an alias,
 * `= 2.3  ← latest, production` on a version, '' when the tag is the image's only name.
 */
export function sameImageAs(tag: string, g: Pick<ImageGroup, 'versions' | 'aliases' | 'name'>): string {
  const s = sameImage(tag, g);
  if (s.pointsTo !== null) return `→ ${s.pointsTo}`;
  const parts: string[] = [];
  if (s.equals.length > 0) parts.push(`= ${joinVersions(s.equals)}`);
  if (s.pointedBy.length > 0) parts.push(`← ${joinNames(s.pointedBy)}`);
  return parts.join('  ');
}

/**
 * alsoTaggedAs lists every other name of a tag's image, versions first (in version order), then the
 * aliases; artifact tags (signatures, SBOMs) are not names of the image and are left out.
 */
export function alsoTaggedAs(tag: string, g: Pick<ImageGroup, 'versions' | 'aliases'>): string[] {
  return [...g.versions, ...g.aliases].filter((t) => t !== tag);
}
