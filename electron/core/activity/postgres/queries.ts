// Timeline, histogram, count and tag-history reads on the team database. The histogram takes whole hours
// from the hourly count tables and scans only the partial hours at either end (and filters the tables
// cannot answer: tag, user), exactly as the SQLite store does, so both give the same exact counts.

import type pg from 'pg';
import {
  DEFAULT_PAGE,
  type EventFilter,
  type EventKind,
  type EventPage,
  type EventQuery,
  type HistogramBucket,
  type HistogramQuery,
  MAX_PAGE,
  type TagMove,
} from '../../../../shared/events';
import { type BucketCount, bucketWidth, foldBuckets } from '../histogram-buckets';
import { encodeCursor } from '../sqlite/filters';
import { HOUR_MS } from '../sqlite/histogram';
import { EVENT_COLUMNS } from '../stored-row';
import { pgRollupWhere, pgWhere } from './filters';
import { type PgEventRow, type PgMoveRow, pgOrigin, pgToActivityEvent, pgToTagMove } from './rows';

type Db = Pick<pg.Pool, 'query'>;

/** pgTimeline returns one page, newest first, and the cursor of the next. */
export async function pgTimeline(db: Db, q: EventQuery): Promise<EventPage> {
  const limit = Math.min(MAX_PAGE, Math.max(1, Math.floor(q.limit ?? DEFAULT_PAGE)));
  const w = pgWhere(q, q.before);
  const { rows } = await db.query<PgEventRow>(
    `SELECT ${EVENT_COLUMNS}, ${pgOrigin()} FROM berth.events ${w.sql} ORDER BY ts DESC, seq DESC LIMIT $${w.values.length + 1}`,
    [...w.values, limit + 1],
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    events: page.map(pgToActivityEvent),
    nextCursor: rows.length > limit && last ? encodeCursor(last.ts, last.seq) : null,
  };
}

async function scan(db: Db, f: EventFilter, bucketMs: number): Promise<BucketCount[]> {
  const w = pgWhere(f, undefined, 2);
  const { rows } = await db.query<{ b: number; kind: EventKind; n: number }>(
    `SELECT ts - ts % $1::bigint AS b, kind, count(*) AS n FROM berth.events ${w.sql} GROUP BY 1, 2`,
    [bucketMs * 1000, ...w.values],
  );
  return rows.map((r) => ({ start: r.b / 1000, kind: r.kind, n: r.n }));
}

async function rollup(
  db: Db,
  f: EventFilter,
  bucketMs: number,
  fromHour: number | undefined,
  toHour: number | undefined,
): Promise<BucketCount[]> {
  const w = pgRollupWhere(f, fromHour, toHour, 2);
  const table = f.repo === undefined ? 'berth.counts_hourly' : 'berth.repo_counts_hourly';
  const { rows } = await db.query<{ b: number; kind: EventKind; n: number }>(
    `SELECT hour - hour % $1::bigint AS b, kind, sum(n)::bigint AS n FROM ${table} ${w.sql} GROUP BY 1, 2`,
    [bucketMs / HOUR_MS, ...w.values],
  );
  return rows.map((r) => ({ start: r.b * HOUR_MS, kind: r.kind, n: r.n }));
}

/** bucketCounts counts events per bucket of bucketMs (at least 1 s) and kind, in no particular order. */
async function bucketCounts(db: Db, f: EventFilter, bucketMs: number): Promise<BucketCount[]> {
  // The count tables keep Berth's own reads apart (berth_read), so hiding them still reads the tables.
  const byRollup = f.tag === undefined && f.actor === undefined && bucketMs % HOUR_MS === 0;
  const fromHour = f.since === undefined ? undefined : Math.ceil(f.since / HOUR_MS);
  const toHour = f.until === undefined ? undefined : Math.floor(f.until / HOUR_MS);
  if (!byRollup || (fromHour !== undefined && toHour !== undefined && fromHour >= toHour)) {
    return scan(db, f, bucketMs);
  }
  const parts = [rollup(db, f, bucketMs, fromHour, toHour)];
  if (f.since !== undefined && fromHour !== undefined && f.since < fromHour * HOUR_MS) {
    parts.push(scan(db, { ...f, until: fromHour * HOUR_MS }, bucketMs));
  }
  if (f.until !== undefined && toHour !== undefined && f.until > toHour * HOUR_MS) {
    parts.push(scan(db, { ...f, since: toHour * HOUR_MS }, bucketMs));
  }
  return (await Promise.all(parts)).flat();
}

/** pgHistogram counts events per bucket and kind; only non-empty buckets, oldest first. */
export async function pgHistogram(db: Db, q: HistogramQuery): Promise<HistogramBucket[]> {
  return foldBuckets(await bucketCounts(db, q, bucketWidth(q.bucket)));
}

/** pgCount counts the events a filter selects, from the hourly counts where it can. */
export async function pgCount(db: Db, f: EventFilter): Promise<number> {
  // One bucket wider than any time span there is: a whole number of hours, for the count tables.
  const everything = HOUR_MS * 24 * 366 * 10_000;
  return (await bucketCounts(db, f, everything)).reduce((sum, c) => sum + c.n, 0);
}

/** pgTagHistory lists tag moves in a repository, or of one tag, newest first; every repository's without one. */
export async function pgTagHistory(
  db: Db,
  repository: string | undefined,
  tag: string | undefined,
  limit: number,
): Promise<TagMove[]> {
  const select = `SELECT m.repository, m.tag, m.from_digest, m.to_digest, m.from_tags, m.to_tags, m.ts, m.actor,
      e.id AS event_id, e.timestamp, e.source_instance, ${pgOrigin('e.')}
      FROM berth.tag_moves m JOIN berth.events e ON e.seq = m.seq`;
  const { rows } =
    repository === undefined
      ? // Across repositories, newest recorded first: the primary key walks backwards, no sort.
        await db.query<PgMoveRow>(`${select} ORDER BY m.seq DESC LIMIT $1`, [limit])
      : tag === undefined
        ? await db.query<PgMoveRow>(
            `${select} WHERE m.repository = $1 ORDER BY m.ts DESC, m.seq DESC LIMIT $2`,
            [repository, limit],
          )
        : await db.query<PgMoveRow>(
            `${select} WHERE m.repository = $1 AND m.tag = $2 ORDER BY m.ts DESC, m.seq DESC LIMIT $3`,
            [repository, tag, limit],
          );
  return rows.map(pgToTagMove);
}

/** pgLastEventAt is when the newest event arrived (ISO), or null before the first. */
export async function pgLastEventAt(db: Db): Promise<string | null> {
  const { rows } = await db.query<{ received_at: number }>(
    'SELECT received_at FROM berth.events ORDER BY seq DESC LIMIT 1',
  );
  const us = rows[0]?.received_at;
  return us === undefined ? null : new Date(Math.floor(us / 1000)).toISOString();
}

/** pgEventsAfter reads every event stored after seq, oldest first, up to limit (for live followers). */
export async function pgEventsAfter(db: Db, seq: number, limit: number): Promise<PgEventRow[]> {
  const { rows } = await db.query<PgEventRow>(
    `SELECT ${EVENT_COLUMNS}, ${pgOrigin()} FROM berth.events WHERE seq > $1 ORDER BY seq LIMIT $2`,
    [seq, limit],
  );
  return rows;
}
