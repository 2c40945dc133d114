// useTagsRefresh is the tags screen's one "read it all again" (the Refresh button, F5, Ctrl+R): a full
// re-read of the listing, during which the rows as they were stand in, as a reopened repository's last
// look does, so the table neither blanks nor jumps back to what the screen showed when it opened.

import { useCallback, useEffect, useState } from 'react';
import type { TagInfo } from '../../shared/model';
import { answeredLook } from '../lib/tag-store';
import type { LastSeenState } from './use-last-seen';

/** TagsRefresh is the look to show while reading (the rows as shown at Refresh, else the last look). */
export interface TagsRefresh {
  last: LastSeenState;
  /** refresh re-reads every tag; `shown` are the infos on screen, kept until the registry answers. */
  refresh(shown: ReadonlyMap<string, TagInfo>): void;
}

/** useTagsRefresh wraps the listing's retry with the stand-in; a new repository forgets it. */
export function useTagsRefresh(
  registryId: string,
  repository: string,
  retry: () => void,
  last: LastSeenState,
): TagsRefresh {
  const [standIn, setStandIn] = useState<LastSeenState | null>(null);
  useEffect(() => {
    void registryId;
    void repository;
    setStandIn(null);
  }, [registryId, repository]);
  const refresh = useCallback(
    (shown: ReadonlyMap<string, TagInfo>) => {
      const tags = answeredLook(shown);
      setStandIn({ lastSeen: { seenAt: new Date().toISOString(), tags } });
      retry();
    },
    [retry],
  );
  return { last: standIn ?? last, refresh };
}
