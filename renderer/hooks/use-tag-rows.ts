// useTagRows gives the Tags screen its rows from the streamed listing (a TagStore) and the last look: the
// names, each tag's digest (live, or last seen until the registry answers for it again), the images, and
// what changed since the look last marked as seen, read row by row as the table draws them
// (renderer/lib/tag-row-model.ts). useShownTagRows then sorts and filters; by name, a keystroke only
// filters the lower-cased names, and new digests never re-sort.

import { useEffect, useLayoutEffect, useMemo, useState } from 'react';
import type { MarkedLook } from '../../shared/api';
import { matchesEverything, parseTagFilter, type TagFilter } from '../../shared/tag-filter';
import type { SortDirection, SortKey } from '../../shared/tag-sort';
import { nameIndexOf, prepareNameIndex } from '../lib/name-index';
import { quickNameOrder, sortNamesInSlices } from '../lib/quick-order';
import { filtersByName, keptByName, sortsByName } from '../lib/tag-order';
import { type ShownRows, shownFromArray, shownFromPositions, TagRowModel } from '../lib/tag-row-model';
import { type DetailEntry, filterTagRows, type QuickChips, sortTagRows } from '../lib/tag-table';
import type { LastSeenState } from './use-last-seen';
import type { TagsState } from './use-tags';

/** SORT_WAIT_MS: a long list's whole order starts this long after its first screen at the latest. */
const SORT_WAIT_MS = 1000;

/** useTagRows is the rows' model at the listing's current version; `grouped` folds them by image. */
export function useTagRows(
  tags: TagsState,
  last: LastSeenState,
  grouped: boolean,
  /** marked is the look changes are told against (the one last marked as seen); null while it loads. */
  marked: MarkedLook | null = null,
): TagRowModel {
  const { store } = tags;
  // Until the registry answers, the last look stands in; then each tag keeps its last-seen digest (marked
  // as such) until the registry has answered for it again, so a reopened repository never goes blank.
  useLayoutEffect(() => store.setStandIn(last.lastSeen?.tags ?? []), [store, last.lastSeen]);
  const cached = tags.names === null && last.lastSeen !== null && last.lastSeen.tags.length > 0;
  // Without a last look, a long list's first screen (sent ahead of its names) is drawn until they come.
  const names = useMemo(
    () => tags.names ?? (cached ? last.lastSeen!.tags.map((t) => t.tag) : (tags.first?.tags ?? [])),
    [tags.names, cached, last.lastSeen, tags.first],
  );
  // Marks last until the person marks the changes seen: they are told against that look, not the last one.
  const previous = useMemo(
    () => (marked?.markedAt == null || cached ? null : new Map(marked.tags.map((t) => [t.tag, t.digest]))),
    [marked, cached],
  );
  return useMemo(() => {
    void tags.version;
    return new TagRowModel(store, names, previous, grouped, cached);
  }, [store, tags.version, names, previous, grouped, cached]);
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
 * useShownTagRows sorts, then filters; details are read only when the sort or a chip needs them. One row
 * per name (not grouped), an order and filter that need only the names are kept as positions in the name
 * list, computed once per name list, sort and filter: new digests do not re-sort, a keystroke does not wait
 * for them, and only the rows drawn are built. Any other order builds every row, once per version.
 */
export function useShownTagRows(
  model: TagRowModel,
  { query, chips, sort, wholeImages = false }: TagsOrder,
  details: ReadonlyMap<string, DetailEntry>,
): { filter: TagFilter; shown: ShownRows } {
  const filter = useMemo(() => parseTagFilter(query), [query]);
  const names = model.grouped ? null : model.names;
  // Whole images need digests to know which tags belong together, so they take the slower path.
  const byName = names !== null && sortsByName(sort.key) && filtersByName(chips) && !wholeImages;
  // A long list is drawn first in a provisional order (its first screen exact), sorted in full once that
  // screen is painted, in slices: `fullOrders` moves when the full order is ready.
  const [fullOrders, setFullOrders] = useState(0);
  const quick = useMemo(() => {
    void fullOrders;
    return byName ? quickNameOrder(names!, sort.key, sort.direction) : null;
  }, [byName, names, sort, fullOrders]);
  // The whole order waits for the first digests on screen, a filter, or SORT_WAIT_MS: before them it only
  // competed with the first digests for the thread (and the registry for the CPU).
  const sortNow = model.store.live.size > 0 || !matchesEverything(filter) || chips.versions;
  useEffect(() => {
    if (quick === null || quick.complete) return;
    const stop = new AbortController();
    const start = () =>
      void sortNamesInSlices(names!, sort.key, sort.direction, stop.signal).then(() => {
        if (!stop.signal.aborted) setFullOrders((n) => n + 1);
      });
    // After a frame at least, so the first screen is painted first.
    let frame: number | undefined;
    const timer = setTimeout(
      () => {
        frame = requestAnimationFrame(start);
      },
      sortNow ? 0 : SORT_WAIT_MS,
    );
    return () => {
      clearTimeout(timer);
      if (frame !== undefined) cancelAnimationFrame(frame);
      stop.abort();
    };
  }, [quick, names, sort, sortNow]);
  const order = quick?.order ?? null;
  // The names are lower-cased and joined once per name list (nameIndexOf), not per keystroke or kind of
  // filter; prepared in slices as soon as they arrive (not when the browser is idle: while digests arrive
  // it seldom is), so the first keystroke does not wait for 100,000 of them.
  useEffect(() => {
    if (!byName || names === null) return;
    const stop = new AbortController();
    void prepareNameIndex(names, stop.signal);
    return () => stop.abort();
  }, [byName, names]);
  const kept = useMemo(() => {
    if (!order) return null;
    // Nothing filtered: the order itself. The first draw of 100,000 names must not build the index here
    // (its slices are under way), nor should a blank filter: only a filter that keeps some needs it.
    if (matchesEverything(filter) && !chips.versions) return order;
    return keptByName(order, nameIndexOf(names!), filter, chips.versions);
  }, [order, names, filter, chips.versions]);

  const rows = byName ? null : model.rows();
  const sortDetails = sort.key === 'created' || sort.key === 'size' ? details : null;
  const sorted = useMemo(
    () => (rows === null ? [] : sortTagRows(rows, sort.key, sort.direction, sortDetails ?? new Map())),
    [rows, sort, sortDetails],
  );
  const chipDetails = chips.platform !== null ? details : null;
  const shown = useMemo(() => {
    if (kept) return shownFromPositions(kept, model);
    return shownFromArray(filterTagRows(sorted, filter, chips, chipDetails ?? new Map(), wholeImages));
  }, [kept, model, sorted, filter, chips, chipDetails, wholeImages]);
  return { filter, shown };
}
