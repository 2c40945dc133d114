// Sorting and filtering the tags table by name alone. Sorted by version or name, filtered by text and the
// versions chip, the table's order and its kept rows depend on the tag names only, not on digests: so they
// are computed once per name list, sort and filter (as positions in the name list), and each draw of new
// digests only picks its rows by those positions. At 100,000 tags that takes re-sorting (~100 ms) out
// of every draw, and keeps a keystroke's cost the same while digests arrive.

import type { TagFilter } from '../../shared/tag-filter';
import { type SortDirection, type SortKey, tagComparator } from '../../shared/tag-sort';
import { isVersionTag, parseVersion } from '../../shared/version';
import type { QuickChips } from './tag-table';

/** sortsByName says whether a sort key orders rows by their tag names alone. */
export function sortsByName(key: SortKey): boolean {
  return key === 'version' || key === 'name';
}

/** filtersByName says whether the chips switched on judge rows by their tag names alone. */
export function filtersByName(chips: QuickChips): boolean {
  return !chips.pointers && chips.platform === null;
}

/** nameOrder returns the positions of `names` in the order the key and direction give. */
export function nameOrder(names: readonly string[], key: SortKey, direction: SortDirection): Int32Array {
  const compare = tagComparator(key, direction);
  const items = names.map((tag, i) => ({ i, tag, version: parseVersion(tag), created: null, size: null }));
  items.sort(compare);
  return Int32Array.from(items, (item) => item.i);
}

/** keptByName returns the positions in `order` whose names pass the filter and the versions chip. */
export function keptByName(
  order: Int32Array,
  names: readonly string[],
  lower: readonly string[],
  filter: TagFilter,
  versionsOnly: boolean,
): Int32Array {
  if (filter.kind === 'all' && !versionsOnly) return order;
  const needle = filter.kind === 'substring' ? filter.needle : null;
  // Written into one preallocated array with an index loop: a keystroke's only pass over 100,000 names
  // (the CPU profile had it at ~27 ms a keystroke with an iterator, a number[] and a copy).
  const kept = new Int32Array(order.length);
  let n = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const tag = names[i]!;
    if (versionsOnly && !isVersionTag(tag)) continue;
    if (needle !== null ? !lower[i]!.includes(needle) : filter.kind !== 'all' && !filter.matches(tag))
      continue;
    kept[n++] = i;
  }
  return kept.subarray(0, n);
}
