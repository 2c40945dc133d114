// Every fixed statement the event store runs, by name, prepared once per connection. Timeline filters
// are composed from fixed fragments in queries.ts; no SQL ever comes from outside the engine.

import type Database from 'better-sqlite3';

/** EVENT_COLUMNS is the select list every event read uses, in the shape DbEventRow describes. */
export const EVENT_COLUMNS = `seq, id, ts, timestamp, action, kind, repository, tag, digest, media_type, size,
  actor, source_instance, request_id, request_method, user_agent, client_addr, received_at, is_blob,
  resolved_tags, resolution`;

const SQL = {
  eventExists: 'SELECT 1 FROM events WHERE id = ?',
  insertEvent: `INSERT INTO events (id, ts, timestamp, action, kind, repository, tag, digest, media_type,
      size, actor, source_instance, request_id, request_method, user_agent, client_addr, received_at,
      is_blob, resolved_tags, resolution, raw)
    VALUES (@id, @ts, @timestamp, @action, @kind, @repository, @tag, @digest, @mediaType, @size, @actor,
      @sourceInstance, @requestId, @requestMethod, @userAgent, @clientAddr, @receivedAt, @isBlob,
      @resolvedTags, @resolution, @raw)`,
  tagStateGet: 'SELECT digest, ts FROM tag_state WHERE repository = ? AND tag = ?',
  tagStateSet: `INSERT INTO tag_state (repository, tag, digest, ts) VALUES (?, ?, ?, ?)
    ON CONFLICT (repository, tag) DO UPDATE SET digest = excluded.digest, ts = excluded.ts`,
  tagStateDelete: 'DELETE FROM tag_state WHERE repository = ? AND tag = ?',
  tagsForDigest: 'SELECT tag FROM tag_state WHERE repository = ? AND digest = ? ORDER BY tag',
  tagsViaParents: `SELECT DISTINCT s.tag FROM manifest_refs r
    JOIN tag_state s ON s.repository = r.repository AND s.digest = r.parent
    WHERE r.repository = ? AND r.child = ? ORDER BY s.tag`,
  refInsert: 'INSERT OR IGNORE INTO manifest_refs (repository, child, parent) VALUES (?, ?, ?)',
  moveInsert: `INSERT INTO tag_moves (seq, repository, tag, from_digest, to_digest, from_tags, to_tags, ts, actor)
    VALUES (@seq, @repository, @tag, @fromDigest, @toDigest, @fromTags, @toTags, @ts, @actor)`,
  movesForTag: `SELECT m.*, e.id AS event_id, e.timestamp FROM tag_moves m JOIN events e ON e.seq = m.seq
    WHERE m.repository = ? AND m.tag = ? ORDER BY m.ts DESC, m.seq DESC LIMIT ?`,
  movesForRepo: `SELECT m.*, e.id AS event_id, e.timestamp FROM tag_moves m JOIN events e ON e.seq = m.seq
    WHERE m.repository = ? ORDER BY m.ts DESC, m.seq DESC LIMIT ?`,
  lastReceived: 'SELECT received_at FROM events ORDER BY seq DESC LIMIT 1',
} as const;

/** StatementName names one fixed statement. */
export type StatementName = keyof typeof SQL;

/** Statements holds every fixed statement, prepared. */
export type Statements = Record<StatementName, Database.Statement>;

/** prepareStatements prepares every fixed statement on a connection whose schema is current. */
export function prepareStatements(db: Database.Database): Statements {
  const out = {} as Statements;
  for (const [name, sql] of Object.entries(SQL)) out[name as StatementName] = db.prepare(sql);
  return out;
}
