// The tags table's default order (by version) over a whole name list, fast: the first screen of a
// 100,000-tag repository waited on this sort. It gives exactly tagComparator('version', …)'s order
// (shared/tag-sort.ts): names and versions are sorted apart (each side has its own rule, and names come
// first or last as a whole), and versions are sorted by a number packing their release numbers, with the
// engine's own numeric sort (no JavaScript callback per comparison: ~1.7 million of them at 100,000 tags).
// Only versions that number cannot tell apart (`1.2` and `1.2.0`, pre-releases of one release) or cannot
// hold (more than four numbers, or numbers too large) go through the full comparison.
// versionOrderSteps is the same sort in slices, for a long list sorted while the screen goes on.

import type { SortDirection } from '../../shared/tag-sort';
import {
  compareNatural,
  compareParsedVersions,
  type ParsedVersion,
  parseVersion,
} from '../../shared/version';
import { plainKey, releaseKey } from '../../shared/version-key';
import { sortInSteps } from './sort-in-steps';

/** INDEX is the room for a position beside a rank in one double (2^20 names; longer lists sort the slow way). */
const INDEX = 2 ** 20;
/** SLICE is how many names versionOrderSteps reads or places between two yields: a few milliseconds' work. */
const SLICE = 16_384;

/** byKey sorts the positions `keyed` by key (descending when `down`), stable: ties keep their positions' order. */
function* byKey(keyed: readonly number[], keys: Float64Array, down: boolean): Generator<void, number[]> {
  // Plain loops: TypedArray.from with a mapping function cost ~30 times as much here.
  const distinct = new Float64Array(keyed.length);
  for (let k = 0; k < keyed.length; k++) distinct[k] = keys[keyed[k]!]!;
  distinct.sort();
  yield;
  const rank = (key: number) => {
    let lo = 0;
    let hi = distinct.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (distinct[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    return down ? distinct.length - 1 - lo : lo;
  };
  // rank·2^20 + position: one native sort orders by key, then by position (a stable sort's order).
  const packed = new Float64Array(keyed.length);
  for (let k = 0; k < keyed.length; k++) {
    packed[k] = rank(keys[keyed[k]!]!) * INDEX + keyed[k]!;
    if (k % SLICE === SLICE - 1) yield;
  }
  packed.sort();
  yield;
  const out = new Array<number>(packed.length);
  for (let k = 0; k < packed.length; k++) out[k] = packed[k]! % INDEX;
  return out;
}

/**
 * versionOrder returns the positions of `names` in version order: ascending, versions from the oldest then
 * names A to Z; descending, `latest`, then names A to Z, then versions from the newest. The same order as
 * a stable sort with tagComparator('version', direction).
 */
export function versionOrder(names: readonly string[], direction: SortDirection): Int32Array {
  const steps = versionOrderSteps(names, direction);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** versionOrderSteps is versionOrder in slices: it yields between them and returns the order. */
export function* versionOrderSteps(
  names: readonly string[],
  direction: SortDirection,
): Generator<void, Int32Array> {
  const down = direction === 'desc';
  const keyed: number[] = [];
  const unkeyed: number[] = [];
  const others: number[] = [];
  // Parsed only where the full comparison needs it: most tags of a large repository are plain releases.
  const parsed: (ParsedVersion | null | undefined)[] = new Array(names.length);
  const keys = new Float64Array(names.length);
  const packable = names.length < INDEX;
  for (let i = 0; i < names.length; i++) {
    if (i % SLICE === SLICE - 1) yield;
    const plain = packable ? plainKey(names[i]!) : -1;
    if (plain >= 0) {
      keys[i] = plain;
      keyed.push(i);
      continue;
    }
    const v = parseVersion(names[i]!);
    parsed[i] = v;
    if (v === null) {
      others.push(i);
      continue;
    }
    keys[i] = packable ? releaseKey(v.release) : Number.NaN;
    (Number.isNaN(keys[i]) ? unkeyed : keyed).push(i);
  }
  const version = (i: number) => {
    let v = parsed[i];
    if (v === undefined) {
      v = parseVersion(names[i]!);
      parsed[i] = v;
    }
    return v;
  };
  const full = (i: number, j: number) =>
    down
      ? compareParsedVersions(names[j]!, version(j), names[i]!, version(i))
      : compareParsedVersions(names[i]!, version(i), names[j]!, version(j));
  const sorted = yield* byKey(keyed, keys, down);
  // Runs of one key (same release numbers) are put in order by the full comparison.
  for (let start = 0; start < sorted.length; ) {
    let end = start + 1;
    while (end < sorted.length && keys[sorted[end]!] === keys[sorted[start]!]) end++;
    if (end - start > 1) sorted.splice(start, end - start, ...sorted.slice(start, end).sort(full));
    start = end;
  }
  const versions = unkeyed.length === 0 ? sorted : merge(sorted, yield* sortInSteps(unkeyed, full), full);
  yield* sortInSteps(others, (i, j) => {
    const a = names[i]!;
    const b = names[j]!;
    if (down && (a === 'latest' || b === 'latest')) return a === b ? 0 : a === 'latest' ? -1 : 1;
    return compareNatural(a, b);
  });
  const out = new Int32Array(names.length);
  const [head, tail] = down ? [others, versions] : [versions, others];
  out.set(head);
  out.set(tail, head.length);
  return out;
}

/** merge joins two lists sorted by `compare` into one, the first list's entry first on a tie. */
function merge(a: readonly number[], b: readonly number[], compare: (i: number, j: number) => number) {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(compare(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}
