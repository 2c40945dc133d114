// Which tags of a repository may have moved since a look, by the registry's own notifications: the tags
// that push and delete events named since then. A reopened repository reads only those again, when the
// listener ran the whole time and the registry is known to notify it; otherwise the answer is "unknown"
// and every tag is read, as without a listener.

import { MAX_PAGE } from '../../../shared/events';
import type { ActivityStore } from './store';

/**
 * tagsNamedSince lists the tags of `repository` that events since `since` (ISO) pushed or deleted, from a
 * store that received every event since then; null when it cannot tell: no event of the repository since
 * then at all (Berth's own reads at that look are reported as pulls, so a registry that notifies this
 * listener always left some), or a delete whose tags are not known.
 */
export async function tagsNamedSince(
  store: ActivityStore,
  repository: string,
  since: string,
): Promise<Set<string> | null> {
  const from = Date.parse(since);
  if (!Number.isFinite(from)) return null;
  if ((await store.count({ repo: repository, since: from, includeBlobs: true })) === 0) return null;
  const tags = new Set<string>();
  let before: string | undefined;
  do {
    const page = await store.query({
      repo: repository,
      since: from,
      action: ['push', 'delete'],
      limit: MAX_PAGE,
      ...(before === undefined ? {} : { before }),
    });
    for (const e of page.events) {
      if (e.isBlob) continue;
      if (e.kind === 'delete' && e.tag === null && e.tags.length === 0) return null;
      if (e.tag !== null) tags.add(e.tag);
      for (const t of e.tags) tags.add(t);
    }
    before = page.nextCursor ?? undefined;
  } while (before !== undefined);
  return tags;
}
