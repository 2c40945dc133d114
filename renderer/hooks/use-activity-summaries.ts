// The Activity screen's summaries around the timeline: the histogram of pushes and pulls, how the tags
// of a repository (or of all of them) moved, and the event counts. Both reload when the filter changes and when live events arrive
// (useLiveRefresh), at most once a second, since each is one query over the whole store.

import { useCallback, useEffect, useRef, useState } from 'react';
import { type ActivityFilter, TIME_RANGES } from '../../shared/activity';
import type { HistogramResult } from '../../shared/activity-api';
import type { EventCounts } from '../../shared/activity-feed';
import type { ActivityEvent, TagMove } from '../../shared/events';
import { api } from '../api';
import { toShownError } from '../lib/errors';

/** HISTOGRAM_BARS is how many bars the histogram draws. */
const HISTOGRAM_BARS = 60;

/** LIVE_REFRESH_MS is the least time between two reloads caused by live events. */
const LIVE_REFRESH_MS = 1000;

/**
 * useLiveRefresh returns `onEvents`, for the live stream: it hands the events to `addLive` at once, and
 * bumps `refresh` once per second at most, for the summaries to reload on.
 */
export function useLiveRefresh(addLive: (events: ActivityEvent[]) => void): {
  onEvents(events: ActivityEvent[]): void;
  refresh: number;
} {
  const [refresh, setRefresh] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => clearTimeout(timer.current ?? undefined), []);
  const onEvents = useCallback(
    (events: ActivityEvent[]) => {
      addLive(events);
      if (timer.current === null) {
        timer.current = setTimeout(() => {
          timer.current = null;
          setRefresh((n) => n + 1);
        }, LIVE_REFRESH_MS);
      }
    },
    [addLive],
  );
  return { onEvents, refresh };
}

/** HistogramState is the last histogram read, the error of the last attempt, and whether one is on its way. */
export interface HistogramState {
  data: HistogramResult | null;
  error: string | null;
  loading: boolean;
}

/** useHistogram counts events per bar over the filter's time range (the last 30 days when it has none). */
export function useHistogram(filter: ActivityFilter, refresh: number): HistogramState {
  const [histogram, setHistogram] = useState<{ data: HistogramResult | null; error: string | null }>({
    data: null,
    error: null,
  });
  const [loading, setLoading] = useState(true);
  useEffect(() => {
    void refresh;
    let current = true;
    const until = filter.until ?? Date.now();
    const since = filter.since ?? until - TIME_RANGES['30d'];
    setLoading(true);
    api
      .call('events.histogram', { ...filter, since, until, bars: HISTOGRAM_BARS })
      .then(
        (data) => current && setHistogram({ data, error: null }),
        (err: unknown) => current && setHistogram((h) => ({ ...h, error: toShownError(err).message })),
      )
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [filter, refresh]);
  return { ...histogram, loading };
}

/** TagMovesState is the moves of the filter's repository (and tag): null while they load. */
export interface TagMovesState {
  moves: TagMove[] | null;
  error: string | null;
}

/** useTagMoves reads how the tags of the filter's repository moved; nothing when no repository is set. */
export function useTagMoves(filter: ActivityFilter, refresh: number): TagMovesState {
  const movesKey = `${filter.repository ?? ''}:${filter.tag ?? ''}`;
  const [moves, setMoves] = useState<{ key: string; list: TagMove[] | null; error: string | null }>({
    key: '',
    list: null,
    error: null,
  });
  useEffect(() => {
    void refresh;
    if (!filter.repository) return;
    let current = true;
    const key = `${filter.repository}:${filter.tag ?? ''}`;
    api
      .call('events.tagHistory', {
        repository: filter.repository,
        ...(filter.tag ? { tag: filter.tag } : {}),
      })
      .then(
        (list) => current && setMoves({ key, list, error: null }),
        (err: unknown) => current && setMoves({ key, list: [], error: toShownError(err).message }),
      );
    return () => {
      current = false;
    };
  }, [filter.repository, filter.tag, refresh]);
  // Moves of an earlier repository are not shown while the new ones load.
  return moves.key === movesKey ? { moves: moves.list, error: moves.error } : { moves: null, error: null };
}

/** RecentMovesState is the newest tag moves of every repository: null while they load. */
export interface RecentMovesState {
  moves: TagMove[] | null;
  error: string | null;
}

/** useRecentMoves reads the newest `limit` tag moves across all repositories, again after live events. */
export function useRecentMoves(limit: number, refresh: number): RecentMovesState {
  const [state, setState] = useState<RecentMovesState>({ moves: null, error: null });
  useEffect(() => {
    void refresh;
    let current = true;
    api.call('events.tagHistory', { limit }).then(
      (moves) => current && setState({ moves, error: null }),
      (err: unknown) =>
        current && setState((s) => ({ moves: s.moves ?? [], error: toShownError(err).message })),
    );
    return () => {
      current = false;
    };
  }, [limit, refresh]);
  return state;
}

/**
 * useEventCounts counts what the filter selects with Berth's own reads included, and those reads alone,
 * so the count line and the rows shown agree; null until both are known.
 */
export function useEventCounts(filter: ActivityFilter, refresh: number): EventCounts | null {
  const [counts, setCounts] = useState<{ filter: ActivityFilter; value: EventCounts } | null>(null);
  useEffect(() => {
    void refresh;
    let current = true;
    const { berthReads: _, ...all } = filter;
    Promise.all([
      api.call('events.count', all),
      api.call('events.count', { ...all, berthReads: 'only' }),
    ]).then(
      ([total, berth]) => current && setCounts({ filter, value: { total, berth } }),
      // The count line is a courtesy: the timeline shows its own error when the store fails.
      () => current && setCounts(null),
    );
    return () => {
      current = false;
    };
  }, [filter, refresh]);
  return counts?.filter === filter ? counts.value : null;
}
