// EventQueries answers the Activity screen's questions (timeline, histogram, counts, tag moves) over
// whichever activity store is current: the team database, the running listener's file, or a reader.

import { chooseBucket } from '../../../shared/activity';
import type { HistogramResult } from '../../../shared/activity-api';
import type { ParsedCallArgs } from '../../../shared/api';
import { type EventFilter, type EventPage, fillHistogram, type TagMove } from '../../../shared/events';
import type { CallHandlers } from '../api/dispatch';
import { readError } from './errors';
import type { ActivityStore } from './store';

type QueryArgs = ParsedCallArgs<'events.query'>;

/** QueryCallName names the contract's read-only `events.*` calls. */
export type QueryCallName = 'events.query' | 'events.histogram' | 'events.count' | 'events.tagHistory';

/** toFilter turns contract arguments into the store's filter. */
function toFilter(a: Omit<QueryArgs, 'limit' | 'cursor'>): EventFilter {
  const f: EventFilter = {};
  if (a.repository !== undefined) f.repo = a.repository;
  if (a.tag !== undefined) f.tag = a.tag;
  if (a.actor !== undefined) f.actor = a.actor;
  if (a.actions !== undefined) f.action = a.actions;
  if (a.since !== undefined) f.since = a.since;
  if (a.until !== undefined) f.until = a.until;
  if (a.includeBlobs) f.includeBlobs = true;
  if (a.berthReads !== undefined) f.berthReads = a.berthReads;
  return f;
}

/** EventQueries runs the `events.*` reads; `store` says which store is current (null: nothing stored yet). */
export class EventQueries implements Pick<CallHandlers, QueryCallName> {
  constructor(private readonly store: () => Promise<ActivityStore | null>) {}

  /** reading runs a read on the current store, with database problems told as STORAGE errors. */
  async reading<T>(empty: T, read: (store: ActivityStore) => Promise<T>): Promise<T> {
    const store = await this.store();
    if (!store) return empty;
    try {
      return await read(store);
    } catch (err) {
      throw readError(err);
    }
  }

  /** 'events.query' returns one timeline page, newest first. */
  async 'events.query'(a: QueryArgs): Promise<EventPage> {
    return this.reading({ events: [], nextCursor: null }, (store) =>
      store.query({
        ...toFilter(a),
        ...(a.limit !== undefined ? { limit: a.limit } : {}),
        ...(a.cursor !== undefined ? { before: a.cursor } : {}),
      }),
    );
  }

  /** 'events.histogram' counts events in round-width buckets over [since, until), every bucket present. */
  async 'events.histogram'(a: ParsedCallArgs<'events.histogram'>): Promise<HistogramResult> {
    const bucket = chooseBucket(a.until - a.since, a.bars ?? 60);
    const counted = await this.reading([], (store) => store.histogram({ ...toFilter(a), bucket }));
    return {
      bucket,
      since: a.since,
      until: a.until,
      buckets: fillHistogram(counted, a.since, a.until, bucket),
    };
  }

  /** 'events.count' counts the events a filter selects (blobs only with includeBlobs). */
  async 'events.count'(a: ParsedCallArgs<'events.count'>): Promise<number> {
    return this.reading(0, (store) => store.count(toFilter(a)));
  }

  /** 'events.tagHistory' lists tag moves of a repository, of one of its tags, or of every repository, newest first. */
  async 'events.tagHistory'(a: ParsedCallArgs<'events.tagHistory'>): Promise<TagMove[]> {
    return this.reading([], (store) => store.tagHistory(a.repository, a.tag, a.limit));
  }
}
