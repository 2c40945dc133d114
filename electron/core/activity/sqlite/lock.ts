// One listener per database. Readers (`berth events`, the app) share the file through WAL, so the
// database itself cannot be locked exclusively; instead the listener holds an exclusive SQLite lock on a
// small side file. The OS drops that lock when the process dies, even by SIGKILL, so it never goes stale
// the way a pid file does.

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { EventStoreError } from '../store-error';

/** ListenerLock is held while a listener runs; release it when the listener stops. */
export interface ListenerLock {
  release(): void;
}

/** acquireListenerLock takes `<db>.lock` at once or fails with an IN_USE error naming the database. */
export function acquireListenerLock(dbPath: string): ListenerLock {
  const lockPath = `${dbPath}.lock`;
  let db: Database.Database | undefined;
  try {
    mkdirSync(dirname(lockPath), { recursive: true, mode: 0o700 });
    db = new Database(lockPath, { timeout: 0 });
    // Rollback journal, exclusive locking: the lock stays ours until the connection closes.
    db.pragma('journal_mode = DELETE');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
  } catch (err) {
    db?.close();
    const code = (err as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      const busy = `${dbPath} is in use by another Berth listener. Stop that one first`;
      throw new EventStoreError('IN_USE', `${busy}.`, {
        cause: err,
        cliMessage: `${busy}, or use another --db file.`,
      });
    }
    throw new EventStoreError(
      'IO',
      `Could not lock ${lockPath}: ${err instanceof Error ? err.message : String(err)}.`,
      { cause: err },
    );
  }
  const held = db;
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      held.close();
    },
  };
}
