// The first screen of a long tag list without waiting for its whole sort. At 100,000 tags sorting by
// version held the renderer 150-300 ms between the names' arrival and the first rows: the first screen is
// found in one pass instead (version-top.ts) and drawn in a provisional order, and the whole list is sorted
// in slices afterwards, so neither the first rows nor the first digests on screen wait for it. When the
// engine sent that first screen ahead of the names (TagsListEvent `first`), it is taken, not found again.

import type { SortDirection, SortKey } from '../../shared/tag-sort';
import { FIRST_SCREEN_ROWS, versionTop } from '../../shared/version-top';
import { knownOrder, nameOrder, rememberOrder, sortsByName } from './tag-order';
import { versionOrderSteps } from './version-order';

/**
 * QUICK_ORDER_NAMES: a name list this long, not sorted by version yet, is drawn first in a provisional
 * order (quickNameOrder) and sorted in full once its first screen is painted. Shorter lists sort at once.
 */
export const QUICK_ORDER_NAMES = 20_000;

/** tops remembers each long list's first screen by version, per direction: the focus and the draw share it. */
const tops = new WeakMap<readonly string[], Map<SortDirection, Int32Array>>();

/** topsOf is the first screens known for a list, by direction (empty at first). */
function topsOf(names: readonly string[]): Map<SortDirection, Int32Array> {
  let byDirection = tops.get(names);
  if (!byDirection) {
    byDirection = new Map();
    tops.set(names, byDirection);
  }
  return byDirection;
}

/** firstByVersion is the first FIRST_SCREEN_ROWS positions of a list's version order, found once per list. */
function firstByVersion(names: readonly string[], direction: SortDirection): Int32Array {
  const byDirection = topsOf(names);
  let top = byDirection.get(direction);
  if (!top) {
    top = versionTop(names, direction, FIRST_SCREEN_ROWS);
    byDirection.set(direction, top);
  }
  return top;
}

/**
 * seedFirstScreen tells firstByVersion the first screen the engine found in the same list (sent ahead of
 * it), so the screen does not search 100,000 names for it again. `first` must be the start of the list's
 * version order in `direction`; a list where a tag of it is missing or repeats is left to versionTop.
 */
export function seedFirstScreen(
  names: readonly string[],
  direction: SortDirection,
  first: readonly string[],
): void {
  if (first.length !== Math.min(FIRST_SCREEN_ROWS, names.length)) return;
  const place = new Map<string, number>();
  for (let k = 0; k < first.length; k++) place.set(first[k]!, k);
  if (place.size !== first.length) return;
  const top = new Int32Array(first.length).fill(-1);
  for (let i = 0; i < names.length; i++) {
    const k = place.get(names[i]!);
    if (k === undefined) continue;
    if (top[k] !== -1) return;
    top[k] = i;
  }
  if (!top.includes(-1)) topsOf(names).set(direction, top);
}

/** waitsForSort says the list's order is not known yet and would cost a long sort now (see QUICK_ORDER_NAMES). */
function waitsForSort(names: readonly string[], key: SortKey, direction: SortDirection): boolean {
  return (
    key === 'version' && names.length >= QUICK_ORDER_NAMES && knownOrder(names, key, direction) === undefined
  );
}

/** QuickOrder is an order to draw now; `complete` is false while only its first screen is exact. */
export interface QuickOrder {
  order: Int32Array;
  complete: boolean;
}

/** provisionals remembers each provisional order, so draws before the full sort share one. */
const provisionals = new WeakMap<Int32Array, Int32Array>();

/**
 * quickNameOrder is nameOrder, except for a long list by version not sorted yet: then its first screen in
 * order (versionTop, one pass) and the other names after it in list order, until nameOrder has run. The
 * first screen of 100,000 tags does not wait for the whole sort; the full order follows a frame later.
 */
export function quickNameOrder(names: readonly string[], key: SortKey, direction: SortDirection): QuickOrder {
  if (!waitsForSort(names, key, direction))
    return { order: nameOrder(names, key, direction), complete: true };
  const top = firstByVersion(names, direction);
  let order = provisionals.get(top);
  if (!order) {
    order = new Int32Array(names.length);
    order.set(top);
    const first = new Uint8Array(names.length);
    for (let k = 0; k < top.length; k++) first[top[k]!] = 1;
    let n = top.length;
    for (let i = 0; i < names.length; i++) if (first[i] === 0) order[n++] = i;
    provisionals.set(top, order);
  }
  return { order, complete: false };
}

/** SLICE_MS is how long one slice of sortNamesInSlices holds the thread: a keystroke or a frame waits at most this. */
const SLICE_MS = 8;

/**
 * sortNamesInSlices computes nameOrder(names, key, direction) a slice at a time, each giving the browser
 * its thread back, and remembers it as nameOrder does; it resolves when the order is known or the signal
 * aborts. The full sort of 100,000 names held the thread 100-300 ms in one piece, in front of the first
 * digests on screen.
 */
export async function sortNamesInSlices(
  names: readonly string[],
  key: SortKey,
  direction: SortDirection,
  signal: AbortSignal,
): Promise<void> {
  if (!waitsForSort(names, key, direction)) {
    nameOrder(names, key, direction);
    return;
  }
  const order = await runSlices(versionOrderSteps(names, direction), signal);
  if (order !== null) rememberOrder(names, key, direction, order);
}

/** runSlices runs `steps` for SLICE_MS at a time, yielding to the browser between; null once aborted. */
async function runSlices<T>(steps: Generator<void, T>, signal: AbortSignal): Promise<T | null> {
  for (;;) {
    if (signal.aborted) return null;
    const until = performance.now() + SLICE_MS;
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      if (performance.now() >= until) break;
    }
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
}

/**
 * firstScreenTags is the tags the table will show first, in its order, when that order needs only the
 * names (by version or name, not grouped); otherwise none (the order waits for digests or details).
 */
export function firstScreenTags(
  names: readonly string[],
  sort: { key: SortKey; direction: SortDirection },
  grouped: boolean,
): string[] {
  if (grouped || !sortsByName(sort.key)) return [];
  const order = waitsForSort(names, sort.key, sort.direction)
    ? firstByVersion(names, sort.direction)
    : nameOrder(names, sort.key, sort.direction);
  return Array.from(order.subarray(0, FIRST_SCREEN_ROWS), (i) => names[i]!);
}
