// The activity store: where registry events live once the listener has them. One interface, two homes:
// SQLite (sqlite/, one desktop, the default) and PostgreSQL (a team's shared history). The listener,
// the Activity calls and `berth events` speak only this interface, and one conformance suite
// (test/integration/activity-store-conformance.test.ts) runs against every implementation.

import type {
  ActivityEvent,
  EventFilter,
  EventPage,
  EventQuery,
  HistogramBucket,
  HistogramQuery,
  TagMove,
} from '../../../shared/events';
import type { ReplicationQueue } from './replication-queue';
import type { EventRow } from './row';

/** IngestResult is what one request's events became: the newly stored ones and how many were repeats. */
export interface IngestResult {
  inserted: ActivityEvent[];
  duplicates: number;
}

/** DEFAULT_HISTORY_LIMIT bounds a tag history. */
export const DEFAULT_HISTORY_LIMIT = 500;

/** ActivityStore keeps every registry event once, the tag state derived from them, and tag moves. */
export interface ActivityStore {
  /** kind says which implementation this is, for messages and status. */
  readonly kind: 'sqlite' | 'postgres';
  /** location names where the events are, for people: a file path, or a database URL without its password. */
  readonly location: string;
  /**
   * ingest stores several requests' events in one transaction. When the promise resolves the events are
   * durable: only then may the listener answer 2xx. An event id seen before is counted as a duplicate.
   */
  ingest(requests: readonly (readonly EventRow[])[]): Promise<IngestResult[]>;
  /** query returns one timeline page, newest first; blobs only with includeBlobs. */
  query(q?: EventQuery): Promise<EventPage>;
  /** histogram counts events per time bucket (bucket width in ms) and kind. */
  histogram(q: HistogramQuery): Promise<HistogramBucket[]>;
  /**
   * tagHistory lists tag moves in a repository, or of one tag, newest first; with no repository, the
   * newest recorded moves of every repository (the Activity screen's feed).
   */
  tagHistory(repository: string | undefined, tag?: string, limit?: number): Promise<TagMove[]>;
  /** lastEventAt is when the newest event arrived (ISO), or null before the first. */
  lastEventAt(): Promise<string | null>;
  /** count counts every stored event, or those a filter selects (blobs hidden unless includeBlobs). */
  count(filter?: EventFilter): Promise<number>;
  /**
   * subscribe pushes every event that any writer commits from now on (this process's included), once each,
   * in commit order, until the returned stop is called. Optional: only stores that can push (PostgreSQL,
   * by LISTEN/NOTIFY) have it; callers fall back to their own listener's events without it.
   */
  subscribe?(
    onEvents: (events: ActivityEvent[]) => void,
    opts?: SubscribeOptions,
  ): Promise<() => Promise<void>>;
  /** replication is the queue of copies that replication rules made from stored events. */
  readonly replication: ReplicationQueue;
  /** close releases the file or connections; safe to call twice. */
  close(): Promise<void>;
}

/** SubscribeOptions tune ActivityStore.subscribe. */
export interface SubscribeOptions {
  /** onError hears about a lost connection (the subscription keeps retrying by itself) or a failed read. */
  onError?: (err: unknown) => void;
}
