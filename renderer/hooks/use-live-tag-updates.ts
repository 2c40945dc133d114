// useLiveTagUpdates keeps an open tags screen current while the listener runs: each registry event that
// names a tag of this repository (a push or a delete) has that one tag read again (tags.resolve), and only
// its row changes. No full re-read: at 100,000 tags that would cost the registry minutes per push.

import { useEffect, useRef } from 'react';
import type { TagUpdate } from '../../shared/api';
import type { ActivityEvent } from '../../shared/events';
import { api } from '../api';

/** TagRead is a tag to read again, and the digest a push event says it now has (null for a delete). */
export interface TagRead {
  tag: string;
  pushed: string | null;
}

/** tagsNamedBy lists the tags of `repository` an event may have moved: a tag push, or a delete's tags. */
export function tagsNamedBy(e: ActivityEvent, repository: string): TagRead[] {
  if (e.repository !== repository || e.isBlob) return [];
  if (e.kind === 'push') return e.tag !== null ? [{ tag: e.tag, pushed: e.digest }] : [];
  if (e.kind !== 'delete') return [];
  // A delete by digest untags every tag on it; the store resolves which ones it knew.
  return (e.tag !== null ? [e.tag] : e.tags).map((tag) => ({ tag, pushed: null }));
}

/** RETRY_MS are the waits before reading a pushed tag again while the registry still shows it as before. */
const RETRY_MS = [250, 750, 2000];

/**
 * useLiveTagUpdates follows `events.live` while the screen is open and hands each tag read again to
 * `apply`. Events carry no registry id, so a same-named repository elsewhere costs one harmless read.
 * Reads of one tag never overlap: a second event while one runs reads it once more afterwards.
 */
export function useLiveTagUpdates(
  registryId: string,
  repository: string,
  apply: (u: TagUpdate) => void,
): void {
  const applyRef = useRef(apply);
  applyRef.current = apply;
  useEffect(() => {
    let live = true;
    const running = new Set<string>();
    const again = new Map<string, TagRead>();
    const read = (r: TagRead, attempt = 0) => {
      if (running.has(r.tag)) {
        again.set(r.tag, r);
        return;
      }
      running.add(r.tag);
      api
        .call('tags.resolve', { registryId, repository, tag: r.tag })
        .then((u) => {
          if (!live) return;
          // Distribution sends a manifest's push event before it links the tag: a read at once can still
          // find the old digest, or no tag at all. Read again a little later before believing it.
          const early = r.pushed !== null && u.digest !== r.pushed && attempt < RETRY_MS.length;
          if (!early) applyRef.current(u);
          return early;
        })
        // A failed read leaves the row as it was; the next event or Refresh reads it again.
        .catch(() => false)
        .then((early) => {
          running.delete(r.tag);
          if (!live) return;
          const next = again.get(r.tag);
          again.delete(r.tag);
          if (next) read(next);
          else if (early) setTimeout(() => live && read(r, attempt + 1), RETRY_MS[attempt]);
        });
    };
    // The stream's status messages and its end are the Activity screen's business, not this one's.
    const handle = api.stream('events.live', {}, (message) => {
      if (!live || message.type !== 'events') return;
      for (const e of message.events) for (const r of tagsNamedBy(e, repository)) read(r);
    });
    handle.done.catch(() => {});
    return () => {
      live = false;
      handle.cancel();
    };
  }, [registryId, repository]);
}
