// useMarkedLook loads the look a repository's changes are told against (tags.marked) and moves it when the
// person marks the changes seen (tags.markSeen): the only thing that moves it, so the summary lasts.

import { useCallback, useEffect, useState } from 'react';
import type { MarkedLook } from '../../shared/api';
import { api } from '../api';
import { type ShownError, toShownError } from '../lib/errors';

/** MarkedLookState is the marked look (null while it loads or when it could not be read) and its action. */
export interface MarkedLookState {
  marked: MarkedLook | null;
  /** marking: "Mark as seen" was clicked and the engine has not answered yet. */
  marking: boolean;
  error: ShownError | null;
  markSeen(): void;
}

/** useMarkedLook asks once per repository opened; a failure only means no summary, never a broken view. */
export function useMarkedLook(registryId: string, repository: string): MarkedLookState {
  const [marked, setMarked] = useState<MarkedLook | null>(null);
  const [marking, setMarking] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  useEffect(() => {
    let live = true;
    setMarked(null);
    setError(null);
    api.call('tags.marked', { registryId, repository }).then(
      (m) => live && setMarked(m),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [registryId, repository]);

  const markSeen = useCallback(() => {
    setMarking(true);
    setError(null);
    api.call('tags.markSeen', { registryId, repository }).then(
      (m) => {
        setMarked(m);
        setMarking(false);
      },
      (err: unknown) => {
        setError(toShownError(err));
        setMarking(false);
      },
    );
  }, [registryId, repository]);
  return { marked, marking, error, markSeen };
}
