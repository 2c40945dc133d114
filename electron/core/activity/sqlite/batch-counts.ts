// The hourly count tables, kept by ingest: each batch's events are counted in one statement per table,
// inside the batch's transaction (schema step 4 dropped the trigger that upserted both tables per event).
// A batch of 32 events in 20 repositories is then about 20 upserts of the per-repository table and a few
// of the totals, not 64.

import type Database from 'better-sqlite3';
import { berthReadSql } from './filters';

/** BatchCounts counts one batch: mark before its first insert, add after its last, in one transaction. */
export interface BatchCounts {
  /** mark is the newest seq before the batch; inside the write lock, every row after it is the batch's. */
  mark(): number;
  /** add adds every event stored after `afterSeq` to the hourly counts. */
  add(afterSeq: number): void;
}

/**
 * prepareBatchCounts prepares the counting of a batch, or returns null while the file's own trigger still
 * counts (a file left at an older step, as tests open one to act as the Berth that wrote it), so no event
 * is counted twice. The rule is berthReadSql, spelled as migration 3 recounted: one rule everywhere.
 */
export function prepareBatchCounts(db: Database.Database): BatchCounts | null {
  const trigger = db
    .prepare<[], 1>(`SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = 'events_count'`)
    .pluck()
    .get();
  if (trigger) return null;
  const byRepo = db.prepare<[number]>(
    `INSERT INTO repo_counts_hourly (repository, hour, kind, is_blob, berth_read, n)
      SELECT repository, ts / 3600000000, kind, is_blob, ${berthReadSql()}, count(*) FROM events
      WHERE seq > ? GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT (repository, hour, kind, is_blob, berth_read) DO UPDATE SET n = n + excluded.n`,
  );
  const totals = db.prepare<[number]>(
    `INSERT INTO counts_hourly (hour, kind, is_blob, berth_read, n)
      SELECT ts / 3600000000, kind, is_blob, ${berthReadSql()}, count(*) FROM events
      WHERE seq > ? GROUP BY 1, 2, 3, 4
    ON CONFLICT (hour, kind, is_blob, berth_read) DO UPDATE SET n = n + excluded.n`,
  );
  const newest = db.prepare<[], number | null>('SELECT max(seq) FROM events').pluck();
  return {
    mark: () => newest.get() ?? 0,
    add(afterSeq) {
      byRepo.run(afterSeq);
      totals.run(afterSeq);
    },
  };
}
