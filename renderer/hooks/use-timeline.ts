// useTimeline loads the Activity timeline page by page (newest first) for a filter, and takes live events
// that match it at the top. A new filter starts over.

import { useCallback, useEffect, useRef, useState } from 'react';
import { type ActivityFilter, matchesFilter, mergeNewest } from '../../shared/activity';
import type { ActivityEvent } from '../../shared/events';
import { api } from '../api';
import { type ShownError, toShownError } from '../lib/errors';

/** PAGE_SIZE is how many events one request brings. */
export const PAGE_SIZE = 200;

/** Timeline is the loaded part of the timeline and how to get more. */
export interface Timeline {
  phase: 'loading' | 'ready' | 'error';
  events: ActivityEvent[];
  error: ShownError | null;
  /** more says whether older events remain to load. */
  more: boolean;
  loadingMore: boolean;
  loadMore(): void;
  /** addLive puts newly stored events that match the filter at the top. */
  addLive(events: readonly ActivityEvent[]): void;
  retry(): void;
}

/** useTimeline follows one filter; pass a stable key (its JSON) so a re-render does not reload. */
export function useTimeline(filter: ActivityFilter, key: string): Timeline {
  const [events, setEvents] = useState<ActivityEvent[]>([]);
  const [phase, setPhase] = useState<Timeline['phase']>('loading');
  const [error, setError] = useState<ShownError | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const generation = useRef(0);
  const filterRef = useRef(filter);
  filterRef.current = filter;

  useEffect(() => {
    void key;
    void attempt;
    const mine = ++generation.current;
    setPhase('loading');
    setEvents([]);
    setCursor(null);
    api.call('events.query', { ...filterRef.current, limit: PAGE_SIZE }).then(
      (page) => {
        if (generation.current !== mine) return;
        // Live events may have arrived while the page was on its way.
        setEvents((live) => mergeNewest(page.events, live));
        setCursor(page.nextCursor);
        setPhase('ready');
      },
      (err: unknown) => {
        if (generation.current !== mine) return;
        setError(toShownError(err));
        setPhase('error');
      },
    );
  }, [key, attempt]);

  const loadMore = useCallback(() => {
    if (!cursor || loadingMore) return;
    const mine = generation.current;
    setLoadingMore(true);
    api.call('events.query', { ...filterRef.current, limit: PAGE_SIZE, cursor }).then(
      (page) => {
        if (generation.current !== mine) return;
        setEvents((shown) => {
          const seen = new Set(shown.map((e) => e.id));
          return shown.concat(page.events.filter((e) => !seen.has(e.id)));
        });
        setCursor(page.nextCursor);
        setLoadingMore(false);
      },
      (err: unknown) => {
        if (generation.current !== mine) return;
        setError(toShownError(err));
        setLoadingMore(false);
      },
    );
  }, [cursor, loadingMore]);

  const addLive = useCallback((incoming: readonly ActivityEvent[]) => {
    const matching = incoming.filter((e) => matchesFilter(e, filterRef.current));
    if (matching.length > 0) setEvents((shown) => mergeNewest(shown, matching));
  }, []);

  return {
    phase,
    events,
    error,
    more: cursor !== null,
    loadingMore,
    loadMore,
    addLive,
    retry: useCallback(() => setAttempt((n) => n + 1), []),
  };
}
