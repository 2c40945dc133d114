// useSinceSummary words what changed since the marked look (shared/since-summary.ts), from the tags as the
// screen has them now, live updates included. Only a complete listing is summed up: halfway through, every
// tag not read yet would look new or gone.

import { useMemo } from 'react';
import type { MarkedLook } from '../../shared/api';
import type { TagInfo } from '../../shared/model';
import { type SinceSummary, sinceSummary } from '../../shared/since-summary';

/** useSinceSummary is the summary line's content, or null when there is nothing to say (yet). */
export function useSinceSummary(
  marked: MarkedLook | null,
  names: readonly string[],
  infos: ReadonlyMap<string, TagInfo>,
  complete: boolean,
  /** version moves when `infos` changed in place (the listing's store). */
  version = 0,
): SinceSummary | null {
  return useMemo(() => {
    void version;
    if (marked === null || !complete) return null;
    const current = new Map<string, string | null>(names.map((n) => [n, infos.get(n)?.digest ?? null]));
    return sinceSummary(marked, current, true, Date.now());
  }, [marked, names, infos, complete, version]);
}
