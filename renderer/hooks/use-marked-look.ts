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

/**
 * useMarkedLook asks once per repository opened, and again when the first look at a repository never seen
 * has been saved (`lookDone`): that look becomes the mark. A failure only means no summary, never a broken
 * view.
 */
export function useMarkedLook(registryId: string, repository: string, lookDone: boolean): MarkedLookState {
  // The answer is kept with the repository it is for, so another repository never shows it meanwhile.
  const key = `${registryId}\n${repository}`;
  const [answer, setAnswer] = useState<{ key: string; look: MarkedLook } | null>(null);
  const marked = answer?.key === key ? answer.look : null;
  const setMarked = useCallback((look: MarkedLook) => setAnswer({ key, look }), [key]);
  const [marking, setMarking] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  const ask = lookDone && marked?.markedAt === null;
  useEffect(() => {
    void ask;
    let live = true;
    setError(null);
    api.call('tags.marked', { registryId, repository }).then(
      (m) => live && setMarked(m),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [registryId, repository, ask, setMarked]);

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
  }, [registryId, repository, setMarked]);
  return { marked, marking, error, markSeen };
}
