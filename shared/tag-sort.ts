// Orders for the tags table: by version (semver-aware and natural), created date, size or name. Rows
// without a value for the key (not read yet, or unreadable) always go last, whichever the direction.

import { compareNatural, compareParsedVersions, type ParsedVersion, parseVersion } from './version';

/** SortKey names a column the tags table sorts by. */
export type SortKey = 'version' | 'created' | 'size' | 'name';
/** SortDirection: ascending or descending. */
export type SortDirection = 'asc' | 'desc';

/** SortableTag is what ordering needs of a row. */
export interface SortableTag {
  tag: string;
  /** version is parseVersion(tag), when the caller parsed it already (sortTagRows does). */
  version?: ParsedVersion | null;
  /** created is an ISO time, null when unknown. */
  created: string | null;
  size: number | null;
}

/**
 * compareParsedByVersion orders tags as a release manager reads them. Ascending: versions from the oldest
 * (`1.9` before `1.10`, `2.0-rc1` before `2.0`), then names A to Z. Descending: names first (`latest`
 * on top, then A to Z), then versions from the newest.
 */
function compareParsedByVersion(
  a: string,
  va: ParsedVersion | null,
  b: string,
  vb: ParsedVersion | null,
  direction: SortDirection,
): number {
  if (direction === 'asc') return compareParsedVersions(a, va, b, vb);
  if (a === 'latest' || b === 'latest') return a === b ? 0 : a === 'latest' ? -1 : 1;
  if ((va === null) !== (vb === null)) return va ? 1 : -1;
  return va ? compareParsedVersions(b, vb, a, va) : compareNatural(a, b);
}

const versionOf = (t: SortableTag) => (t.version === undefined ? parseVersion(t.tag) : t.version);

function createdMs(iso: string | null): number | null {
  if (iso === null) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

/** missingLast puts null values after the others in both directions; 0 means both are present. */
function missingLast(a: unknown, b: unknown): number {
  if (a === null) return b === null ? 0 : 1;
  return b === null ? -1 : 0;
}

/** tagComparator returns the comparator for a key and direction; ties fall back to version order, newest first. */
export function tagComparator(
  key: SortKey,
  direction: SortDirection,
): (a: SortableTag, b: SortableTag) => number {
  const sign = direction === 'asc' ? 1 : -1;
  const byVersion = (a: SortableTag, b: SortableTag, d: SortDirection) =>
    compareParsedByVersion(a.tag, versionOf(a), b.tag, versionOf(b), d);
  const tie = (a: SortableTag, b: SortableTag) => byVersion(a, b, 'desc');
  switch (key) {
    case 'version':
      return (a, b) => byVersion(a, b, direction);
    case 'name':
      return (a, b) => sign * compareNatural(a.tag, b.tag);
    case 'size':
      return (a, b) => missingLast(a.size, b.size) || sign * ((a.size ?? 0) - (b.size ?? 0)) || tie(a, b);
    case 'created':
      return (a, b) => {
        const ma = createdMs(a.created);
        const mb = createdMs(b.created);
        return missingLast(ma, mb) || sign * ((ma ?? 0) - (mb ?? 0)) || tie(a, b);
      };
  }
}

/** sortTagNames orders bare tag names by version as the tags table does by default: `latest`, names, then newest versions. */
export function sortTagNames(tags: Iterable<string>, direction: SortDirection = 'desc'): string[] {
  const byVersion = tagComparator('version', direction);
  return [...tags]
    .map((tag): SortableTag => ({ tag, created: null, size: null }))
    .sort(byVersion)
    .map((t) => t.tag);
}
