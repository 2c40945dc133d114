// Timeline, histogram and count queries. A filter selects fixed WHERE fragments; each combination is a
// named statement, prepared once and cached, so values are always bound and never spliced into SQL.

import type Database from 'better-sqlite3';
import {
  DEFAULT_PAGE,
  EVENT_KINDS,
  type EventFilter,
  type EventKind,
  type EventPage,
  type EventQuery,
  emptyCounts,
  type HistogramBucket,
  type HistogramQuery,
  MAX_PAGE,
} from '../../../shared/events';
import { EventStoreError } from './store-error';
import { type DbEventRow, toActivityEvent } from './read-row';
import { EVENT_COLUMNS } from './statements';

const ALL_KINDS: readonly EventKind[] = [...EVENT_KINDS, 'other'];

interface Where {
  /** key names the statement shape: which fragments, how many kinds. */
  key: string;
  sql: string;
  params: Record<string, string | number>;
}

/** encodeCursor writes the position after an event: its time and arrival number. */
export function encodeCursor(ts: number, seq: number): string {
  return `${ts}.${seq}`;
}

function decodeCursor(cursor: string): { ts: number; seq: number } {
  const m = /^(\d{1,17})\.(\d{1,17})$/.exec(cursor);
  if (!m) throw new EventStoreError('IO', `"${cursor}" is not a timeline cursor Berth gave out.`);
  return { ts: Number(m[1]), seq: Number(m[2]) };
}

function kindsOf(action: EventFilter['action']): EventKind[] {
  if (action === undefined) return [];
  const list = Array.isArray(action) ? action : [action];
  for (const k of list) {
    if (!ALL_KINDS.includes(k)) throw new EventStoreError('IO', `"${String(k)}" is not an event kind.`);
  }
  return [...new Set(list)].sort();
}

function buildWhere(f: EventFilter, cursor?: string): Where {
  const parts: string[] = [];
  const names: string[] = [];
  const params: Where['params'] = {};
  const add = (name: string, sql: string, values: Where['params'] = {}) => {
    names.push(name);
    parts.push(sql);
    Object.assign(params, values);
  };
  if (!f.includeBlobs) add('noblobs', 'is_blob = 0');
  if (f.repo !== undefined) add('repo', 'repository = @repo', { repo: f.repo });
  if (f.tag !== undefined) add('tag', 'tag = @tag', { tag: f.tag });
  if (f.actor !== undefined) add('actor', 'actor = @actor', { actor: f.actor });
  const kinds = kindsOf(f.action);
  if (kinds.length > 0) {
    const slots = kinds.map((_, i) => `@k${i}`).join(', ');
    add(`kinds${kinds.length}`, `kind IN (${slots})`, Object.fromEntries(kinds.map((k, i) => [`k${i}`, k])));
  }
  if (f.since !== undefined) add('since', 'ts >= @since', { since: Math.floor(f.since) * 1000 });
  if (f.until !== undefined) add('until', 'ts < @until', { until: Math.floor(f.until) * 1000 });
  if (cursor !== undefined) {
    const c = decodeCursor(cursor);
    // Spelled out rather than a row value, so the ts bound reaches the index.
    add('before', 'ts <= @cts AND (ts < @cts OR seq < @cseq)', { cts: c.ts, cseq: c.seq });
  }
  return {
    key: names.join(','),
    sql: parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '',
    params,
  };
}

/** Queries runs the timeline, histogram and count over one connection, caching a statement per shape. */
export class Queries {
  private readonly cache = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  private statement(name: string, sql: string): Database.Statement {
    let stmt = this.cache.get(name);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.cache.set(name, stmt);
    }
    return stmt;
  }

  /** timeline returns one page, newest first, and the cursor of the next. */
  timeline(q: EventQuery): EventPage {
    const limit = Math.min(MAX_PAGE, Math.max(1, Math.floor(q.limit ?? DEFAULT_PAGE)));
    const w = buildWhere(q, q.before);
    const stmt = this.statement(
      `timeline[${w.key}]`,
      `SELECT ${EVENT_COLUMNS} FROM events ${w.sql} ORDER BY ts DESC, seq DESC LIMIT @limit`,
    );
    const rows = stmt.all({ ...w.params, limit: limit + 1 }) as DbEventRow[];
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      events: page.map(toActivityEvent),
      nextCursor: rows.length > limit && last ? encodeCursor(last.ts, last.seq) : null,
    };
  }

  /** histogram counts events per bucket and kind; only non-empty buckets, oldest first. */
  histogram(q: HistogramQuery): HistogramBucket[] {
    if (!Number.isFinite(q.bucket) || q.bucket < 1000) {
      throw new EventStoreError('IO', 'A histogram bucket is at least one second (1000 ms) wide.');
    }
    const w = buildWhere(q);
    const stmt = this.statement(
      `histogram[${w.key}]`,
      `SELECT (ts / @width) * @width AS b, kind, count(*) AS n FROM events ${w.sql} GROUP BY b, kind ORDER BY b`,
    );
    const width = Math.floor(q.bucket) * 1000;
    const buckets: HistogramBucket[] = [];
    for (const r of stmt.iterate({ ...w.params, width }) as Iterable<{ b: number; kind: EventKind; n: number }>) {
      const start = Math.floor(r.b / 1000);
      let bucket = buckets.at(-1);
      if (bucket?.start !== start) {
        bucket = { start, counts: emptyCounts() };
        buckets.push(bucket);
      }
      bucket.counts[ALL_KINDS.includes(r.kind) ? r.kind : 'other'] += r.n;
    }
    return buckets;
  }

  /** count counts the events a filter selects. */
  count(f: EventFilter): number {
    const w = buildWhere(f);
    const stmt = this.statement(`count[${w.key}]`, `SELECT count(*) FROM events ${w.sql}`);
    return stmt.pluck().get(w.params) as number;
  }
}
