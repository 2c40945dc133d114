// Timeline, histogram and count queries over one connection. Statements are built from fixed fragments
// (filters.ts), named by their shape and cached, so values are always bound, never spliced into SQL.

import type Database from 'better-sqlite3';
import {
  DEFAULT_PAGE,
  type EventFilter,
  type EventPage,
  type EventQuery,
  type HistogramBucket,
  type HistogramQuery,
  MAX_PAGE,
} from '../../../../shared/events';
import { StatementCache } from '../../sqlite/statement-cache';
import { bucketWidth, foldBuckets } from '../histogram-buckets';
import { EVENT_COLUMNS } from '../stored-row';
import { buildWhere, encodeCursor } from './filters';
import { type BucketRow, bucketCounts, HOUR_MS } from './histogram';
import { type DbEventRow, sqliteOrigin, toActivityEvent } from './read-row';

/** Queries runs the timeline, histogram and count over one connection, caching a statement per shape. */
export class Queries {
  private readonly timelines: StatementCache<DbEventRow>;
  private readonly buckets: StatementCache<BucketRow>;

  constructor(db: Database.Database) {
    this.timelines = new StatementCache(db);
    this.buckets = new StatementCache(db);
  }

  /** timeline returns one page, newest first, and the cursor of the next. */
  timeline(q: EventQuery): EventPage {
    const limit = Math.min(MAX_PAGE, Math.max(1, Math.floor(q.limit ?? DEFAULT_PAGE)));
    const w = buildWhere(q, q.before);
    const stmt = this.timelines.get(
      `timeline[${w.key}]`,
      `SELECT ${EVENT_COLUMNS}, ${sqliteOrigin()} FROM events ${w.sql} ORDER BY ts DESC, seq DESC LIMIT @limit`,
    );
    const rows = stmt.all({ ...w.params, limit: limit + 1 });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      events: page.map(toActivityEvent),
      nextCursor: rows.length > limit && last ? encodeCursor(last.ts, last.seq) : null,
    };
  }

  /** histogram counts events per bucket and kind; only non-empty buckets, oldest first. */
  histogram(q: HistogramQuery): HistogramBucket[] {
    return foldBuckets(bucketCounts(this.buckets, q, bucketWidth(q.bucket)));
  }

  /** count counts the events a filter selects, from the hourly counts where it can. */
  count(f: EventFilter): number {
    // One bucket wider than any time span there is: a whole number of hours, for the count tables.
    const everything = HOUR_MS * 24 * 366 * 10_000;
    return bucketCounts(this.buckets, f, everything).reduce((sum, c) => sum + c.n, 0);
  }
}
