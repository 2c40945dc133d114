// Event filters as SQL: each filter field selects a fixed WHERE fragment with bound values. The fragment
// names make a key, so every combination is one named statement, prepared once and cached.

import { BERTH_USER_AGENT, READ_KINDS } from '../../../../shared/event-origin';
import { EVENT_KINDS, type EventFilter, type EventKind } from '../../../../shared/events';
import { EventStoreError } from '../store-error';

/** ALL_KINDS lists every EventKind, `other` included. */
export const ALL_KINDS: readonly EventKind[] = [...EVENT_KINDS, 'other'];

/** Where is a WHERE clause, the name of its shape and its bound values. */
export interface Where {
  /** key names the statement shape: which fragments, how many kinds. */
  key: string;
  sql: string;
  params: Record<string, string | number>;
}

/** encodeCursor writes the position after an event: its time and arrival number. */
export function encodeCursor(ts: number, seq: number): string {
  return `${ts}.${seq}`;
}

/** decodeCursor reads a cursor made by encodeCursor, refusing anything else. */
export function decodeCursor(cursor: string): { ts: number; seq: number } {
  const m = /^(\d{1,17})\.(\d{1,17})$/.exec(cursor);
  if (!m) throw new EventStoreError('IO', `"${cursor}" is not a timeline cursor Berth gave out.`);
  return { ts: Number(m[1]), seq: Number(m[2]) };
}

/** kindsOf lists the kinds an action filter selects, sorted, checked against EventKind. */
export function kindsOf(action: EventFilter['action']): EventKind[] {
  if (action === undefined) return [];
  const list = Array.isArray(action) ? action : [action];
  for (const k of list) {
    if (!ALL_KINDS.includes(k)) throw new EventStoreError('IO', `"${String(k)}" is not an event kind.`);
  }
  return [...new Set(list)].sort();
}

type AddFragment = (name: string, sql: string, values?: Where['params']) => void;

/**
 * whereOf collects the fragments every event table shares (blobs, repository, kinds), then lets `more` add
 * its own, and names the resulting shape.
 */
function whereOf(f: EventFilter, more: (add: AddFragment) => void): Where {
  const parts: string[] = [];
  const names: string[] = [];
  const params: Where['params'] = {};
  const add: AddFragment = (name, sql, values = {}) => {
    names.push(name);
    parts.push(sql);
    Object.assign(params, values);
  };
  if (!f.includeBlobs) add('noblobs', 'is_blob = 0');
  if (f.repo !== undefined) add('repo', 'repository = @repo', { repo: f.repo });
  const kinds = kindsOf(f.action);
  if (kinds.length > 0) {
    const slots = kinds.map((_, i) => `@k${i}`).join(', ');
    add(`kinds${kinds.length}`, `kind IN (${slots})`, Object.fromEntries(kinds.map((k, i) => [`k${i}`, k])));
  }
  more(add);
  return { key: names.join(','), sql: parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '', params };
}

const quoted = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * berthReadSql is isBerthRead (shared/event-origin.ts) as an SQL condition over an events row, in both
 * stores' SQL; `row` qualifies the columns (`NEW.` in a trigger). Berth's agent and the read kinds are
 * constants of the model, never input, so they are written in: the count tables' triggers (which cannot
 * bind values) and the queries then spell the rule identically.
 */
export function berthReadSql(row = ''): string {
  const ua = `lower(coalesce(${row}user_agent, ''))`;
  const kinds = READ_KINDS.map(quoted).join(', ');
  const agent = quoted(BERTH_USER_AGENT);
  const versioned = quoted(`${BERTH_USER_AGENT}/%`);
  return `(${row}kind IN (${kinds}) AND (${ua} = ${agent} OR ${ua} LIKE ${versioned}))`;
}

/** buildWhere turns a filter (and a timeline cursor) into a WHERE clause over events. */
export function buildWhere(f: EventFilter, cursor?: string): Where {
  return whereOf(f, (add) => {
    if (f.tag !== undefined) add('tag', 'tag = @tag', { tag: f.tag });
    if (f.actor !== undefined) add('actor', 'actor = @actor', { actor: f.actor });
    if (f.berthReads !== undefined) {
      add(`berth-${f.berthReads}`, `${f.berthReads === 'hide' ? 'NOT ' : ''}${berthReadSql()}`);
    }
    if (f.since !== undefined) add('since', 'ts >= @since', { since: Math.floor(f.since) * 1000 });
    if (f.until !== undefined) add('until', 'ts < @until', { until: Math.floor(f.until) * 1000 });
    if (cursor !== undefined) {
      const c = decodeCursor(cursor);
      // Spelled out rather than a row value, so the ts bound reaches the index.
      add('before', 'ts <= @cts AND (ts < @cts OR seq < @cseq)', { cts: c.ts, cseq: c.seq });
    }
  });
}

/** buildRollupWhere is buildWhere for the hourly count tables: repository, blobs, kinds, Berth's reads and whole hours. */
export function buildRollupWhere(f: EventFilter, fromHour?: number, toHour?: number): Where {
  return whereOf(f, (add) => {
    // Migration 3 counts Berth's own reads apart (berth_read), by the same rule as berthReadSql.
    if (f.berthReads !== undefined)
      add(`berth-${f.berthReads}`, `berth_read = ${f.berthReads === 'hide' ? 0 : 1}`);
    if (fromHour !== undefined) add('from', 'hour >= @fromHour', { fromHour });
    if (toHour !== undefined) add('to', 'hour < @toHour', { toHour });
  });
}
