// Every fixed statement the event store runs, by name, prepared once per connection and typed by what it
// binds and returns. Timeline filters are composed from fixed fragments in queries.ts; no SQL ever comes
// from outside the engine.

import type Database from 'better-sqlite3';
import type { TagResolution } from '../../../../shared/events';
import type { EventRow } from '../row';
import { type DbMoveRow, sqliteOrigin } from './read-row';

/** MOVE_SELECT reads a move with its event's id, time and origin (to name the registry it came from). */
const MOVE_SELECT = `SELECT m.*, e.id AS event_id, e.timestamp, e.source_instance, ${sqliteOrigin('e.')}
  FROM tag_moves m JOIN events e ON e.seq = m.seq`;

/**
 * InsertEventParams is an EventRow bound as it is, with what ingest decided in place of the registry's
 * digest and blob flag. Its `references` ride along unused: better-sqlite3 binds only the names the SQL uses.
 */
export type InsertEventParams = Omit<EventRow, 'isBlob'> & {
  isBlob: 0 | 1;
  resolvedTags: string;
  resolution: TagResolution | null;
};

/** InsertMoveParams is one tag_moves row. */
export interface InsertMoveParams {
  seq: number;
  repository: string;
  tag: string;
  fromDigest: string | null;
  toDigest: string | null;
  fromTags: string;
  toTags: string;
  ts: number;
  actor: string | null;
}

/** TagStateRow is where a tag points as far as the events tell, and since when (epoch µs). */
export interface TagStateRow {
  digest: string;
  ts: number;
}

/** prepareStatements prepares every fixed statement on a connection whose schema is current. */
export function prepareStatements(db: Database.Database) {
  return {
    eventExists: db.prepare<[string], 1>('SELECT 1 FROM events WHERE id = ?').pluck(),
    // No RETURNING: it cost a third of the insert's CPU under load (building a 21-column row object per
    // event); ingest rebuilds the row from what it bound (insertedRow in ingest.ts).
    insertEvent: db.prepare<InsertEventParams>(
      `INSERT INTO events (id, ts, timestamp, action, kind, repository, tag, digest, media_type,
        size, actor, source_instance, request_id, request_method, user_agent, client_addr, received_at,
        is_blob, resolved_tags, resolution, raw)
      VALUES (@id, @ts, @timestamp, @action, @kind, @repository, @tag, @digest, @mediaType, @size, @actor,
        @sourceInstance, @requestId, @requestMethod, @userAgent, @clientAddr, @receivedAt, @isBlob,
        @resolvedTags, @resolution, @raw)`,
    ),
    tagStateGet: db.prepare<[string, string], TagStateRow>(
      'SELECT digest, ts FROM tag_state WHERE repository = ? AND tag = ?',
    ),
    tagStateSet: db.prepare<[string, string, string, number]>(
      `INSERT INTO tag_state (repository, tag, digest, ts) VALUES (?, ?, ?, ?)
      ON CONFLICT (repository, tag) DO UPDATE SET digest = excluded.digest, ts = excluded.ts`,
    ),
    tagStateDelete: db.prepare<[string, string]>('DELETE FROM tag_state WHERE repository = ? AND tag = ?'),
    tagsForDigest: db
      .prepare<[string, string], string>(
        'SELECT tag FROM tag_state WHERE repository = ? AND digest = ? ORDER BY tag',
      )
      .pluck(),
    tagsViaParents: db
      .prepare<[string, string], string>(
        `SELECT DISTINCT s.tag FROM manifest_refs r
        JOIN tag_state s ON s.repository = r.repository AND s.digest = r.parent
        WHERE r.repository = ? AND r.child = ? ORDER BY s.tag`,
      )
      .pluck(),
    refInsert: db.prepare<[string, string, string]>(
      'INSERT OR IGNORE INTO manifest_refs (repository, child, parent) VALUES (?, ?, ?)',
    ),
    moveInsert: db.prepare<InsertMoveParams>(
      `INSERT INTO tag_moves (seq, repository, tag, from_digest, to_digest, from_tags, to_tags, ts, actor)
      VALUES (@seq, @repository, @tag, @fromDigest, @toDigest, @fromTags, @toTags, @ts, @actor)`,
    ),
    movesForTag: db.prepare<[string, string, number], DbMoveRow>(
      `${MOVE_SELECT} WHERE m.repository = ? AND m.tag = ? ORDER BY m.ts DESC, m.seq DESC LIMIT ?`,
    ),
    movesForRepo: db.prepare<[string, number], DbMoveRow>(
      `${MOVE_SELECT} WHERE m.repository = ? ORDER BY m.ts DESC, m.seq DESC LIMIT ?`,
    ),
    // Across repositories, newest recorded first: the primary key walks backwards, no sort.
    movesAll: db.prepare<[number], DbMoveRow>(`${MOVE_SELECT} ORDER BY m.seq DESC LIMIT ?`),
    lastReceived: db.prepare<[], number>('SELECT received_at FROM events ORDER BY seq DESC LIMIT 1').pluck(),
  };
}

/** Statements holds every fixed statement, prepared and typed. */
export type Statements = ReturnType<typeof prepareStatements>;
