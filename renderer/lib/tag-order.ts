// Sorting and filtering the tags table by name alone. Sorted by version or name, filtered by text and the
// versions chip, the table's order and its kept rows depend on the tag names only, not on digests: so they
// are computed once per name list, sort and filter (as positions in the name list), and each draw of new
// digests only picks its rows by those positions. At 100,000 tags that takes re-sorting (~100 ms) out
// of every draw, and keeps a keystroke's cost the same while digests arrive.

import type { TagFilter } from '../../shared/tag-filter';
import { type SortDirection, type SortKey, tagComparator } from '../../shared/tag-sort';
import { parseVersion } from '../../shared/version';
import type { NameIndex } from './name-index';
import type { QuickChips } from './tag-table';
import { versionOrder } from './version-order';

/** sortsByName says whether a sort key orders rows by their tag names alone. */
export function sortsByName(key: SortKey): boolean {
  return key === 'version' || key === 'name';
}

/** filtersByName says whether the chips switched on judge rows by their tag names alone. */
export function filtersByName(chips: QuickChips): boolean {
  return !chips.pointers && chips.platform === null;
}

/** orders remembers each name list's orders by key and direction: the first screen's focus and its draw share one sort. */
const orders = new WeakMap<readonly string[], Map<string, Int32Array>>();

/** nameOrder returns the positions of `names` in the order the key and direction give (sorted once per list). */
export function nameOrder(names: readonly string[], key: SortKey, direction: SortDirection): Int32Array {
  return (
    knownOrder(names, key, direction) ??
    rememberOrder(
      names,
      key,
      direction,
      key === 'version' ? versionOrder(names, direction) : sortedPositions(names, key, direction),
    )
  );
}

/** knownOrder is the order nameOrder already computed for this list, key and direction, if any. */
export function knownOrder(
  names: readonly string[],
  key: SortKey,
  direction: SortDirection,
): Int32Array | undefined {
  return orders.get(names)?.get(`${key} ${direction}`);
}

/** rememberOrder keeps an order computed elsewhere (in slices) for nameOrder; one already kept stays. */
export function rememberOrder(
  names: readonly string[],
  key: SortKey,
  direction: SortDirection,
  order: Int32Array,
): Int32Array {
  let byKey = orders.get(names);
  if (!byKey) {
    byKey = new Map();
    orders.set(names, byKey);
  }
  const id = `${key} ${direction}`;
  const kept = byKey.get(id);
  if (kept) return kept;
  byKey.set(id, order);
  return order;
}

function sortedPositions(names: readonly string[], key: SortKey, direction: SortDirection): Int32Array {
  const compare = tagComparator(key, direction);
  const items = names.map((tag, i) => ({ i, tag, version: parseVersion(tag), created: null, size: null }));
  items.sort(compare);
  return Int32Array.from(items, (item) => item.i);
}

/** ranks remembers each order's inverse: ranks[i] is where name i stands in the order. */
const ranks = new WeakMap<Int32Array, Int32Array>();

/** rankOf is the inverse of an order (computed once per order). */
function rankOf(order: Int32Array): Int32Array {
  let rank = ranks.get(order);
  if (!rank) {
    rank = new Int32Array(order.length);
    for (let k = 0; k < order.length; k++) rank[order[k]!] = k;
    ranks.set(order, rank);
  }
  return rank;
}

/**
 * FEW_MATCHES: a filter that keeps fewer than one name in this many is put in order by sorting the ranks of
 * what it kept (m log m) rather than by walking the whole order (100,000 steps for a handful of tags).
 */
const FEW_MATCHES = 16;

/**
 * keptByName returns the positions in `order` whose names pass the filter and the versions chip. The
 * filter itself runs on the NameIndex (one scan, or a refinement of the last result); this pass puts what
 * it kept in the order: by the ranks of the few it kept, or by one walk of the order over typed arrays.
 */
export function keptByName(
  order: Int32Array,
  index: NameIndex,
  filter: TagFilter,
  versionsOnly: boolean,
): Int32Array {
  const matching = index.matching(filter);
  if (matching === null && !versionsOnly) return order;
  // The NameIndex hands back the same array for a filter it remembers (Backspace): so can this pass.
  const done = matching === null ? undefined : placed.get(order)?.get(matching);
  const known = versionsOnly ? done?.versions : done?.all;
  if (known) return known;
  const kept = placeInOrder(order, index, matching, versionsOnly);
  if (matching !== null) {
    let byMatching = placed.get(order);
    if (!byMatching) {
      byMatching = new WeakMap();
      placed.set(order, byMatching);
    }
    const entry = byMatching.get(matching) ?? {};
    if (versionsOnly) entry.versions = kept;
    else entry.all = kept;
    byMatching.set(matching, entry);
  }
  return kept;
}

/** placed remembers, per order and filter result, what keptByName made of it (with the versions chip or not). */
const placed = new WeakMap<Int32Array, WeakMap<Int32Array, { all?: Int32Array; versions?: Int32Array }>>();

/** placeInOrder is keptByName's pass: the positions of `matching` (null: all) in `order`. */
function placeInOrder(
  order: Int32Array,
  index: NameIndex,
  matching: Int32Array | null,
  versionsOnly: boolean,
): Int32Array {
  const versions = versionsOnly ? index.versions() : null;
  if (matching !== null && matching.length * FEW_MATCHES < order.length) {
    const rank = rankOf(order);
    const ranked = new Int32Array(matching.length);
    let n = 0;
    for (let k = 0; k < matching.length; k++) {
      const i = matching[k]!;
      if (versions === null || versions[i] === 1) ranked[n++] = rank[i]!;
    }
    const kept = ranked.subarray(0, n).sort();
    for (let k = 0; k < n; k++) kept[k] = order[kept[k]!]!;
    return kept;
  }
  let keep: Uint8Array;
  if (matching === null) keep = versions!;
  else {
    keep = new Uint8Array(index.count);
    for (let k = 0; k < matching.length; k++) {
      const i = matching[k]!;
      keep[i] = versions === null ? 1 : versions[i]!;
    }
  }
  const kept = new Int32Array(matching === null ? order.length : matching.length);
  let n = 0;
  for (let k = 0; k < order.length && n < kept.length; k++) {
    const i = order[k]!;
    if (keep[i] === 1) kept[n++] = i;
  }
  return kept.subarray(0, n);
}
