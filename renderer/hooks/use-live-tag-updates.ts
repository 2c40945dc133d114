// useLiveTagUpdates keeps an open tags screen current while the listener runs: each registry event that
// names a tag of this repository (a push or a delete) has that one tag read again (tags.resolve), and only
// its row changes. No full re-read: at 100,000 tags that would cost the registry minutes per push.

import { useEffect, useRef } from 'react';
import type { TagUpdate } from '../../shared/api';
import type { ActivityEvent } from '../../shared/events';
import { api } from '../api';

/** tagsNamedBy lists the tags of `repository` an event may have moved: a tag push, or a delete's tags. */
export function tagsNamedBy(e: ActivityEvent, repository: string): string[] {
  if (e.repository !== repository || e.isBlob) return [];
  if (e.kind !== 'push' && e.kind !== 'delete') return [];
  if (e.tag !== null) return [e.tag];
  // A delete by digest untags every tag on it; the store resolves which ones it knew.
  return e.kind === 'delete' ? e.tags : [];
}

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
    const again = new Set<string>();
    const read = (tag: string) => {
      if (running.has(tag)) {
        again.add(tag);
        return;
      }
      running.add(tag);
      api
        .call('tags.resolve', { registryId, repository, tag })
        .then(
          (u) => live && applyRef.current(u),
          // A failed read leaves the row as it was; the next event or Refresh reads it again.
          () => {},
        )
        .finally(() => {
          running.delete(tag);
          if (live && again.delete(tag)) read(tag);
        });
    };
    // The stream's status messages and its end are the Activity screen's business, not this one's.
    const handle = api.stream('events.live', {}, (message) => {
      if (!live || message.type !== 'events') return;
      for (const e of message.events) for (const tag of tagsNamedBy(e, repository)) read(tag);
    });
    handle.done.catch(() => {});
    return () => {
      live = false;
      handle.cancel();
    };
  }, [registryId, repository]);
}
