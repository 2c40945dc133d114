// Counting events per time bucket. Whole hours come from the hourly count tables ingest keeps; the
// partial hours at either end of the range, and filters the tables cannot answer (tag, user), scan the
// events through their indexes. Both give exact counts.

import type { EventFilter, EventKind } from '../../../../shared/events';
import type { StatementCache } from '../../sqlite/statement-cache';
import type { BucketCount } from '../histogram-buckets';
import { buildRollupWhere, buildWhere } from './filters';

/** HOUR_MS is the granularity of the count tables. */
export const HOUR_MS = 3_600_000;

/** BucketRow is one row of a bucket count: the bucket's start (µs or hours), a kind, its count. */
export interface BucketRow {
  b: number;
  kind: EventKind;
  n: number;
}

type Cache = StatementCache<BucketRow>;

/** bucketCounts counts events per bucket of bucketMs (at least 1 s) and kind, in no particular order. */
export function bucketCounts(cache: Cache, f: EventFilter, bucketMs: number): BucketCount[] {
  // The count tables keep Berth's own reads apart (berth_read), so hiding them still reads the tables.
  const byRollup = f.tag === undefined && f.actor === undefined && bucketMs % HOUR_MS === 0;
  const fromHour = f.since === undefined ? undefined : Math.ceil(f.since / HOUR_MS);
  const toHour = f.until === undefined ? undefined : Math.floor(f.until / HOUR_MS);
  if (!byRollup || (fromHour !== undefined && toHour !== undefined && fromHour >= toHour)) {
    return scan(cache, f, bucketMs);
  }
  const out = rollup(cache, f, bucketMs, fromHour, toHour);
  if (f.since !== undefined && fromHour !== undefined && f.since < fromHour * HOUR_MS) {
    out.push(...scan(cache, { ...f, until: fromHour * HOUR_MS }, bucketMs));
  }
  if (f.until !== undefined && toHour !== undefined && f.until > toHour * HOUR_MS) {
    out.push(...scan(cache, { ...f, since: toHour * HOUR_MS }, bucketMs));
  }
  return out;
}

function scan(cache: Cache, f: EventFilter, bucketMs: number): BucketCount[] {
  const w = buildWhere(f);
  // better-sqlite3 binds numbers as REAL, so `ts / @width` would not round down; `%` is integer-only.
  const stmt = cache.get(
    `histogram-scan[${w.key}]`,
    `SELECT ts - ts % @width AS b, kind, count(*) AS n FROM events ${w.sql} GROUP BY b, kind`,
  );
  const rows = stmt.all({ ...w.params, width: bucketMs * 1000 });
  return rows.map((r) => ({ start: r.b / 1000, kind: r.kind, n: r.n }));
}

function rollup(
  cache: Cache,
  f: EventFilter,
  bucketMs: number,
  fromHour: number | undefined,
  toHour: number | undefined,
): BucketCount[] {
  const w = buildRollupWhere(f, fromHour, toHour);
  const table = f.repo === undefined ? 'counts_hourly' : 'repo_counts_hourly';
  const stmt = cache.get(
    `histogram-rollup[${w.key}]`,
    `SELECT hour - hour % @hours AS b, kind, sum(n) AS n FROM ${table} ${w.sql} GROUP BY b, kind`,
  );
  const rows = stmt.all({ ...w.params, hours: bucketMs / HOUR_MS });
  return rows.map((r) => ({ start: r.b * HOUR_MS, kind: r.kind, n: r.n }));
}
