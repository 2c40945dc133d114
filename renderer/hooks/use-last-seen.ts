// useLastSeen loads a repository's snapshot from the last complete look (tags.lastSeen), so the tags
// view can show the cached table at once and mark what changed since (shared/snapshot.ts).

import { useEffect, useState } from 'react';
import type { LastSeen } from '../../shared/api';
import { unpackLook } from '../../shared/packed-look';
import { api } from '../api';

/** LastSeenState is the last look, or null while it loads or when it could not be read. */
export interface LastSeenState {
  lastSeen: LastSeen | null;
}

const none: LastSeenState = { lastSeen: null };

/** useLastSeen asks once per repository opened; a failure only means no marks, never a broken view. */
export function useLastSeen(registryId: string, repository: string): LastSeenState {
  const [state, setState] = useState<LastSeenState>(none);
  useEffect(() => {
    let live = true;
    setState(none);
    api.call('tags.lastSeen', { registryId, repository }).then(
      (answer) => {
        if (live) setState({ lastSeen: { seenAt: answer.seenAt, tags: unpackLook(answer.look) } });
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [registryId, repository]);
  return state;
}
