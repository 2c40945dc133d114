// useTagRows derives what the Tags screen draws from the streamed listing and the last look: the names,
// each tag's digest (live, or last seen until the registry answers for it again), the images, the rows,
// what changed since the look last marked as seen, and the lookups the diagram and details read. useShownTagRows then
// sorts and filters the rows; it is the only part a keystroke in the filter re-runs.

import { useMemo } from 'react';
import { tagRoles } from '../../shared/alias-diagram';
import type { MarkedLook } from '../../shared/api';
import { groupByDigest, type ImageGroup } from '../../shared/grouping';
import type { TagInfo } from '../../shared/model';
import { diffSnapshots } from '../../shared/snapshot';
import { parseTagFilter, type TagFilter } from '../../shared/tag-filter';
import type { SortDirection, SortKey } from '../../shared/tag-sort';
import { filtersByName, keptByName, nameOrder, sortsByName } from '../lib/tag-order';
import {
  buildTagRows,
  type DetailEntry,
  filterTagRows,
  groupTagRows,
  type QuickChips,
  sortTagRows,
  type TagTableRow,
} from '../lib/tag-table';
import type { LastSeenState } from './use-last-seen';
import type { TagsState } from './use-tags';

/** TagRows is the repository as the screen shows it, before sorting and filtering. */
export interface TagRows {
  /** cached: the registry has not sent the names yet, and the last look stands in. */
  cached: boolean;
  names: readonly string[];
  /** infos are the live infos, plus last-seen ones for tags the registry has not answered for yet. */
  infos: ReadonlyMap<string, TagInfo>;
  groups: readonly ImageGroup[];
  rows: TagTableRow[];
  /** problems counts the tags whose digest could not be read. */
  problems: number;
  /** tagDigests maps every tag with a known digest to it (compare, and diagram clicks when grouped). */
  tagDigests: ReadonlyMap<string, string>;
  /** mediaTypes maps each digest to its manifest media type, to know an index before its details. */
  mediaTypes: ReadonlyMap<string, string | null>;
  /** owners maps each digest to the tag that names its image. */
  owners: ReadonlyMap<string, string>;
  /** artifactTags counts the tags that hold signatures, SBOMs and other artifacts (`sha256-<hex>.sig`). */
  artifactTags: number;
}

/** useTagRows builds the rows once per data change (not per keystroke); `grouped` folds them by image. */
export function useTagRows(
  tags: TagsState,
  last: LastSeenState,
  grouped: boolean,
  /** marked is the look changes are told against (the one last marked as seen); null while it loads. */
  marked: MarkedLook | null = null,
): TagRows {
  // Until the registry answers, the last look stands in; then each tag keeps its last-seen digest (marked
  // as such) until the registry has answered for it again, so a reopened repository never goes blank.
  const cached = tags.names === null && last.lastSeen !== null && last.lastSeen.tags.length > 0;
  const names = useMemo(
    () => tags.names ?? (cached ? last.lastSeen!.tags.map((t) => t.tag) : []),
    [tags.names, cached, last.lastSeen],
  );
  const listed = useMemo(() => (tags.names === null ? null : new Set(tags.names)), [tags.names]);
  const infos = useMemo<ReadonlyMap<string, TagInfo>>(() => {
    const seen = last.lastSeen?.tags ?? [];
    if (seen.length === 0 || tags.phase === 'done' || tags.phase === 'error') return tags.infos;
    const merged = new Map(tags.infos);
    for (const t of seen) {
      if (merged.has(t.tag) || (listed !== null && !listed.has(t.tag))) continue;
      merged.set(t.tag, { tag: t.tag, digest: t.digest, mediaType: t.mediaType });
    }
    return merged;
  }, [listed, tags.infos, tags.phase, last.lastSeen]);

  const groups = useMemo(() => groupByDigest([...infos.values()]), [infos]);
  const roles = useMemo(() => tagRoles(groups), [groups]);
  // Marks last until the person marks the changes seen: they are told against that look, not the last one.
  const changes = useMemo(() => {
    if (marked?.markedAt == null || cached) return new Map();
    const previous = new Map(marked.tags.map((t) => [t.tag, t.digest]));
    const current = new Map<string, string | null>(names.map((n) => [n, tags.infos.get(n)?.digest ?? null]));
    return diffSnapshots(previous, current, tags.phase === 'done');
  }, [marked, cached, names, tags.infos, tags.phase]);

  const rows = useMemo(() => {
    const base = buildTagRows(names, infos, roles, changes, tags.infos);
    return grouped ? groupTagRows(base, roles) : base;
  }, [names, infos, roles, changes, grouped, tags.infos]);

  const problems = useMemo(() => {
    let n = 0;
    for (const info of tags.infos.values()) if (info.error) n++;
    return n;
  }, [tags.infos]);
  const tagDigests = useMemo(() => {
    const map = new Map<string, string>();
    for (const info of infos.values()) if (info.digest) map.set(info.tag, info.digest);
    return map;
  }, [infos]);
  const mediaTypes = useMemo(() => {
    const map = new Map<string, string | null>();
    for (const info of infos.values()) if (info.digest) map.set(info.digest, info.mediaType);
    return map;
  }, [infos]);
  const owners = useMemo(() => new Map(groups.map((g) => [g.digest, g.owner])), [groups]);
  const artifactTags = useMemo(() => groups.reduce((n, g) => n + g.artifacts.length, 0), [groups]);

  return { cached, names, infos, groups, rows, problems, tagDigests, mediaTypes, owners, artifactTags };
}

/** TagsOrder is how the rows are sorted and which of them are kept. */
export interface TagsOrder {
  query: string;
  chips: QuickChips;
  sort: { key: SortKey; direction: SortDirection };
  /** wholeImages keeps every tag of an image one of whose tags matches the text (`2.1` keeps `qatesting`). */
  wholeImages?: boolean;
}

/**
 * useShownTagRows sorts, then filters; details are read only when the sort or a chip needs them. Given
 * `names` (rows are one per name, in that order: not grouped), an order and filter that need only the
 * names are kept as positions, so new digests do not re-sort and a keystroke does not wait for them.
 */
export function useShownTagRows(
  rows: readonly TagTableRow[],
  { query, chips, sort, wholeImages = false }: TagsOrder,
  details: ReadonlyMap<string, DetailEntry>,
  names: readonly string[] | null = null,
): { filter: TagFilter; shown: TagTableRow[] } {
  const filter = useMemo(() => parseTagFilter(query), [query]);
  // Whole images need digests to know which tags belong together, so they take the slower path.
  const byName =
    names !== null &&
    names.length === rows.length &&
    sortsByName(sort.key) &&
    filtersByName(chips) &&
    !wholeImages;
  const order = useMemo(
    () => (byName ? nameOrder(names!, sort.key, sort.direction) : null),
    [byName, names, sort],
  );
  const lower = useMemo(
    () => (byName && filter.kind === 'substring' ? names!.map((n) => n.toLowerCase()) : []),
    [byName, names, filter.kind],
  );
  const kept = useMemo(
    () => (order ? keptByName(order, names!, lower, filter, chips.versions) : null),
    [order, names, lower, filter, chips.versions],
  );

  const sortDetails = sort.key === 'created' || sort.key === 'size' ? details : null;
  const sorted = useMemo(
    () => (byName ? [] : sortTagRows(rows, sort.key, sort.direction, sortDetails ?? new Map())),
    [byName, rows, sort, sortDetails],
  );
  const chipDetails = chips.platform !== null ? details : null;
  const shown = useMemo(() => {
    if (kept) return Array.from(kept, (i) => rows[i]!);
    return filterTagRows(sorted, filter, chips, chipDetails ?? new Map(), wholeImages);
  }, [kept, rows, sorted, filter, chips, chipDetails, wholeImages]);
  return { filter, shown };
}
