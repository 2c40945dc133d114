// useMarkedLook loads the look a repository's changes are told against (tags.marked) and moves it when the
// person marks the changes seen (tags.markSeen): the only thing that moves it, so the summary lasts.

import { useCallback, useEffect, useRef, useState } from 'react';
import type { MarkedLook, MarkedLookAnswer } from '../../shared/api';
import { unpackLook } from '../../shared/packed-look';
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

/** HeldLook gives the tags the screen read in the look just done (those with a digest), as the mark holds them. */
export type HeldLook = () => MarkedLook['tags'];

/**
 * useMarkedLook asks once per repository opened, and again when the first look at a repository never seen
 * has been saved (`lookDone`): that look becomes the mark. Then the screen already holds the mark's tags
 * (`held`), so it asks only for the mark's time (tags.markedTime): the whole mark of 100,000 tags was
 * made into one answer of 10 MB that held up `berth ui` at the end of a first look. When the mark is not
 * the last look (its time differs from the look's), the whole mark is read after all. A failure only
 * means no summary, never a broken view.
 */
export function useMarkedLook(
  registryId: string,
  repository: string,
  lookDone: boolean,
  held?: HeldLook,
): MarkedLookState {
  // The answer is kept with the repository it is for, so another repository never shows it meanwhile.
  const key = `${registryId}\n${repository}`;
  const [answer, setAnswer] = useState<{ key: string; look: MarkedLook } | null>(null);
  const marked = answer?.key === key ? answer.look : null;
  const setMarked = useCallback((look: MarkedLook) => setAnswer({ key, look }), [key]);
  const [marking, setMarking] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  const ask = lookDone && marked?.markedAt === null;
  const heldRef = useRef(held);
  heldRef.current = held;
  // Once per repository opened.
  useEffect(() => {
    let live = true;
    setError(null);
    api.call('tags.marked', { registryId, repository }).then(
      (m) => live && setMarked(unpacked(m)),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [registryId, repository, setMarked]);
  // Once more when a first look has been saved (apart from the above: the mark's arrival turns `ask` off,
  // and that must not read the whole mark again).
  useEffect(() => {
    if (!ask) return;
    let live = true;
    const args = { registryId, repository };
    const tags = heldRef.current?.();
    const whole = () => api.call('tags.marked', args).then(unpacked);
    const answer: Promise<MarkedLook> =
      tags === undefined
        ? whole()
        : api
            .call('tags.markedTime', args)
            .then((t) =>
              t.markedAt !== null && t.markedAt === t.seenAt ? { markedAt: t.markedAt, tags } : whole(),
            );
    answer.then(
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
        setMarked(unpacked(m));
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

/** unpacked is the mark as the screen holds it, from the packed answer (shared/packed-look.ts). */
function unpacked(m: MarkedLookAnswer): MarkedLook {
  return { markedAt: m.markedAt, tags: unpackLook(m.look) };
}
