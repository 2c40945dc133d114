// Reading an SQLite event database's events as received, for `berth events export` (to move a desktop's
// history into the team store). A read-only connection of its own: a running listener keeps writing.

import Database from 'better-sqlite3';
import type { RawEvent, RawReader } from '../history-ndjson';
import { storeErrorFrom } from '../store-error';

/** openSqliteRawReader opens an event database read-only; close it when the export is done. */
export function openSqliteRawReader(path: string): { read: RawReader; close(): void } {
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw storeErrorFrom(err, path);
  }
  const page = db.prepare(
    'SELECT seq, received_at AS receivedAt, raw FROM events WHERE seq > ? ORDER BY seq LIMIT ?',
  );
  return {
    read: async (afterSeq, limit) => {
      try {
        return page.all(afterSeq, limit) as RawEvent[];
      } catch (err) {
        throw storeErrorFrom(err, path);
      }
    },
    close: () => db.close(),
  };
}
