// The first rows of the tags table's version order, without sorting the whole list: the first screen of a
// 100,000-tag repository waited 150-300 ms for versionOrder (more on a loaded machine) to show forty rows.
// One pass keeps the first `count` names in a small sorted buffer; almost every name is turned away by one
// comparison with the last one kept, and that comparison is cheap where it counts: a name against a version
// is decided by its group, two plain releases by one number (version-key.ts). The result is exactly the
// start of the renderer's versionOrder(names, direction): a stable sort with tagComparator('version', …).
// The engine finds the same first screen to send it ahead of a long list (TagsListEvent `first`).

import type { SortDirection } from './tag-sort';
import { compareNatural, compareParsedVersions, type ParsedVersion, parseVersion } from './version';
import { plainKey } from './version-key';

/** FIRST_SCREEN_ROWS is more rows than a tall window shows at once, with the table's overscan. */
export const FIRST_SCREEN_ROWS = 60;

/** Entry is one name as the pass compares it; `version` is parsed only when a comparison needs it. */
interface Entry {
  i: number;
  name: string;
  /** group orders whole groups: descending `latest` (0), names (1), versions (2); ascending versions (0), names (1). */
  group: number;
  isVersion: boolean;
  /** key is the packed release of a plain release, -1 otherwise. */
  key: number;
  version: ParsedVersion | null | undefined;
}

function parsed(e: Entry): ParsedVersion | null {
  if (e.version === undefined) e.version = parseVersion(e.name);
  return e.version;
}

/** compare orders two entries as versionOrder does, position last (a stable sort's tie-break). */
function compare(a: Entry, b: Entry, down: boolean): number {
  if (a.group !== b.group) return a.group - b.group;
  let d: number;
  if (!a.isVersion) d = compareNatural(a.name, b.name);
  else if (a.key >= 0 && b.key >= 0 && a.key !== b.key) d = down ? b.key - a.key : a.key - b.key;
  else
    d = down
      ? compareParsedVersions(b.name, parsed(b), a.name, parsed(a))
      : compareParsedVersions(a.name, parsed(a), b.name, parsed(b));
  return d || a.i - b.i;
}

/** versionTop returns the first `count` positions of versionOrder(names, direction), in that order. */
export function versionTop(names: readonly string[], direction: SortDirection, count: number): Int32Array {
  const down = direction === 'desc';
  const kept: Entry[] = [];
  // One scratch entry for the names turned away: only the kept ones are copied.
  const e: Entry = { i: 0, name: '', group: 0, isVersion: false, key: -1, version: undefined };
  for (let i = 0; i < names.length && count > 0; i++) {
    const name = names[i]!;
    e.i = i;
    e.name = name;
    e.key = plainKey(name);
    e.version = e.key >= 0 ? undefined : parseVersion(name);
    e.isVersion = e.key >= 0 || e.version !== null;
    e.group = down ? (e.isVersion ? 2 : name === 'latest' ? 0 : 1) : e.isVersion ? 0 : 1;
    if (kept.length === count && compare(e, kept[count - 1]!, down) > 0) continue;
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(e, kept[mid]!, down) < 0) hi = mid;
      else lo = mid + 1;
    }
    kept.splice(lo, 0, { ...e });
    if (kept.length > count) kept.pop();
  }
  return Int32Array.from(kept, (k) => k.i);
}
