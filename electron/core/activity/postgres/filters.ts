// Event filters as PostgreSQL WHERE clauses: each filter field adds a fixed fragment with a bound value
// ($1, $2, …), so no value is ever spliced into SQL. Cursors and kinds are read (and refused) exactly as
// the SQLite store does, so a cursor means the same thing in both.

import type { EventFilter } from '../../../../shared/events';
import { berthReadSql, decodeCursor, kindsOf } from '../sqlite/filters';

/** PgWhere is a WHERE clause and its values, in placeholder order. */
export interface PgWhere {
  sql: string;
  values: unknown[];
}

type Add = (sql: (slot: () => string) => string, ...values: unknown[]) => void;

function whereOf(f: EventFilter, first: number, more: (add: Add) => void): PgWhere {
  const parts: string[] = [];
  const values: unknown[] = [];
  const add: Add = (sql, ...v) => {
    let used = 0;
    parts.push(sql(() => `$${first + values.length + used++}`));
    values.push(...v);
  };
  if (!f.includeBlobs) add(() => 'NOT is_blob');
  if (f.repo !== undefined) add((s) => `repository = ${s()}`, f.repo);
  const kinds = kindsOf(f.action);
  if (kinds.length > 0) add((s) => `kind = ANY(${s()}::text[])`, kinds);
  more(add);
  return { sql: parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '', values };
}

/** pgWhere turns a filter (and a timeline cursor) into a WHERE clause over berth.events; `first` is the first $n. */
export function pgWhere(f: EventFilter, cursor?: string, first = 1): PgWhere {
  return whereOf(f, first, (add) => {
    if (f.tag !== undefined) add((s) => `tag = ${s()}`, f.tag);
    if (f.actor !== undefined) add((s) => `actor = ${s()}`, f.actor);
    if (f.berthReads !== undefined) add(() => `${f.berthReads === 'hide' ? 'NOT ' : ''}${berthReadSql()}`);
    if (f.since !== undefined) add((s) => `ts >= ${s()}`, Math.floor(f.since) * 1000);
    if (f.until !== undefined) add((s) => `ts < ${s()}`, Math.floor(f.until) * 1000);
    if (cursor !== undefined) {
      const c = decodeCursor(cursor);
      // A row comparison is one range on the (…, ts, seq) indexes.
      add((s) => `(ts, seq) < (${s()}, ${s()})`, c.ts, c.seq);
    }
  });
}

/** pgRollupWhere is pgWhere for the hourly count tables: repository, blobs, kinds, Berth's reads and whole hours. */
export function pgRollupWhere(f: EventFilter, fromHour?: number, toHour?: number, first = 1): PgWhere {
  return whereOf(f, first, (add) => {
    // Schema step 3 counts Berth's own reads apart (berth_read), by the same rule as berthReadSql.
    if (f.berthReads !== undefined) add(() => (f.berthReads === 'hide' ? 'NOT berth_read' : 'berth_read'));
    if (fromHour !== undefined) add((s) => `hour >= ${s()}`, fromHour);
    if (toHour !== undefined) add((s) => `hour < ${s()}`, toHour);
  });
}
